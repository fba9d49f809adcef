'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { previewTemplateAction } from '@/app/_actions/messaging';
import { Alert } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import type { TemplateCategory } from '@/db/schema';

type Preview = { text: string; unknown: string[]; malformed: boolean };

/**
 * A message text with its variables: chips insert `{{variable}}` at the cursor, and the
 * preview (sample data, from the server) follows the typing, naming variables the category
 * cannot fill before the operator saves.
 */
export function BodyEditor({
  id,
  name = 'body',
  label,
  category,
  variables,
  value,
  onChange,
  error,
}: {
  id: string;
  name?: string;
  label: string;
  category: TemplateCategory;
  variables: readonly string[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const t = useTranslations('messaging.editor');
  const area = useRef<HTMLTextAreaElement>(null);
  const preview = usePreview(category, value);
  const insert = (variable: string) => {
    const el = area.current;
    const token = `{{${variable}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <div className="space-y-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {label}
        </label>
        <textarea
          ref={area}
          id={id}
          name={name}
          rows={7}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          className={`${inputClass} py-2 font-mono`}
        />
        {error && (
          <p
            id={`${id}-error`}
            role="alert"
            className="text-sm text-red-600 dark:text-red-400"
            data-testid="body-error"
          >
            {error}
          </p>
        )}
        <div>
          <p className="mb-1 text-xs text-slate-500">{t('variablesHint')}</p>
          <div className="flex flex-wrap gap-1" data-testid="variable-chips">
            {variables.map((v) => (
              <button
                key={v}
                type="button"
                onClick={() => insert(v)}
                className="min-h-11 rounded-full border border-slate-300 px-3 font-mono text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                {`{{${v}}}`}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('preview')}</p>
        <div
          className="min-h-32 whitespace-pre-wrap break-words rounded-lg bg-emerald-50 p-3 text-sm text-slate-900 dark:bg-emerald-950/40 dark:text-slate-100"
          data-testid="template-preview"
        >
          {preview?.text ?? ''}
        </div>
        {preview && preview.unknown.length > 0 && (
          <div data-testid="unknown-variables">
            <Alert kind="warning">
              {t('unknownVariables', { variables: preview.unknown.map((v) => `{{${v}}}`).join(', ') })}
            </Alert>
          </div>
        )}
        {preview?.malformed && <Alert kind="warning">{t('malformed')}</Alert>}
        <p className="text-xs text-slate-500">{t('sampleHint')}</p>
      </div>
    </div>
  );
}

/** The server's preview of the text, asked for once the operator pauses typing. */
function usePreview(category: TemplateCategory, body: string) {
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(async () => {
      const r = await previewTemplateAction({ category, body });
      if (live && r.ok) setPreview(r.data);
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [category, body]);
  return preview;
}
