'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { resetTemplateAction, saveTemplateAction } from '@/app/_actions/messaging';
import { Button } from '@/components/ui/button';
import { Alert, Badge } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField } from '@/components/ui/field';
import type { Locale } from '@/lib/i18n/config';
import type { listTemplates } from '@/lib/messaging/manage';
import type { Result } from '@/lib/server/operation';
import { BodyEditor } from './body-editor';

type Templates = Awaited<ReturnType<typeof listTemplates>>;

/** Pick a category and language, edit its text with a live preview, save or go back to the built-in text. */
export function TemplateWorkbench({ templates }: { templates: Templates }) {
  const t = useTranslations('messaging');
  const [category, setCategory] = useState(templates[0]!.category);
  const [locale, setLocale] = useState<Locale>('id');
  const current = templates.find((x) => x.category === category)!;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('templates.category')}
          name="category"
          id="template-category"
          value={category}
          onChange={(e) => setCategory(e.target.value as typeof category)}
          options={templates.map((x) => ({ value: x.category, label: t(`categories.${x.category}`) }))}
        />
        <SelectField
          label={t('templates.language')}
          name="locale"
          id="template-locale"
          value={locale}
          onChange={(e) => setLocale(e.target.value as Locale)}
          options={(['id', 'en'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t(`categoryHints.${category}`)}</p>
      <TemplateEditor
        key={`${category}-${locale}`}
        category={category}
        locale={locale}
        variables={current.variables}
        stored={current.bodies[locale]}
      />
    </div>
  );
}

function TemplateEditor({
  category,
  locale,
  variables,
  stored,
}: {
  category: Templates[number]['category'];
  locale: Locale;
  variables: readonly string[];
  stored: { body: string; custom: boolean };
}) {
  const t = useTranslations('messaging.templates');
  const tc = useTranslations('common');
  const router = useRouter();
  const [body, setBody] = useState(stored.body);
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const save = () =>
    startTransition(async () => {
      const r = await saveTemplateAction({ category, locale, body });
      setResult(r);
      if (r.ok) router.refresh();
    });
  const reset = async () => {
    const r = await resetTemplateAction({ category, locale });
    setResult(r.ok ? null : r);
    if (r.ok) {
      setBody(r.data.body);
      router.refresh();
    }
  };
  return (
    <div className="space-y-3" data-testid="template-editor">
      <div className="flex flex-wrap gap-2">
        {stored.custom ? <Badge color="blue">{t('custom')}</Badge> : <Badge>{t('builtIn')}</Badge>}
      </div>
      {result && !result.ok && <Alert>{result.message}</Alert>}
      {result?.ok && <Alert kind="success">{t('saved')}</Alert>}
      <BodyEditor
        id="template-body"
        label={t('body')}
        category={category}
        variables={variables}
        value={body}
        onChange={(v) => {
          setBody(v);
          if (result?.ok) setResult(null);
        }}
        error={result && !result.ok ? result.fieldErrors?.body : undefined}
      />
      <div className="flex flex-wrap gap-2">
        <Button onClick={save} disabled={pending} data-testid="save-template">
          {pending ? tc('saving') : tc('save')}
        </Button>
        {stored.custom && (
          <ConfirmButton
            label={t('reset')}
            message={t('resetConfirm')}
            variant="secondary"
            testId="reset-template"
            onConfirm={reset}
          />
        )}
      </div>
    </div>
  );
}
