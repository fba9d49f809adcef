'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { deleteQuickReplyAction, saveQuickReplyAction } from '@/app/_actions/inbox';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Row = { id: string; title: string; body: string };

/** A new quick reply, or the edit form of one (`row`). */
export function QuickReplyForm({ row, onSaved }: { row?: Row; onSaved?: () => void }) {
  const t = useTranslations('inbox.quickReplies');
  const router = useRouter();
  const ref = useRef<HTMLFormElement>(null);
  const form = useActionForm(saveQuickReplyAction, () => {
    if (!row) ref.current?.reset();
    onSaved?.();
    router.refresh();
  });
  const key = row?.id ?? 'new';
  return (
    <form ref={ref} onSubmit={form.onSubmit} className="space-y-2" noValidate data-testid="quick-reply-form">
      {form.error && <Alert>{form.error}</Alert>}
      {row && <input type="hidden" name="quickReplyId" value={row.id} />}
      <TextField
        label={t('name')}
        name="title"
        id={`qr-title-${key}`}
        defaultValue={row?.title}
        maxLength={80}
        error={form.fieldError('title')}
      />
      <div className="space-y-1">
        <label htmlFor={`qr-body-${key}`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('body')}
        </label>
        <textarea
          id={`qr-body-${key}`}
          name="body"
          rows={3}
          defaultValue={row?.body}
          maxLength={2000}
          className={`${inputClass} py-2`}
        />
        {form.fieldError('body') && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {form.fieldError('body')}
          </p>
        )}
      </div>
      <Button type="submit" disabled={form.pending} data-testid="save-quick-reply">
        {t('save')}
      </Button>
    </form>
  );
}

/** One quick reply: its text, edit in place, delete (asks first). */
export function QuickReplyEditor({ row }: { row: Row }) {
  const t = useTranslations('inbox.quickReplies');
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card className="space-y-2">
      {error && <Alert>{error}</Alert>}
      {editing ? (
        <QuickReplyForm row={row} onSaved={() => setEditing(false)} />
      ) : (
        <div data-testid="quick-reply">
          <p className="font-medium break-words">{row.title}</p>
          <p className="whitespace-pre-line break-words text-sm text-slate-600 dark:text-slate-300">{row.body}</p>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setEditing(!editing)}>
          {editing ? t('cancelEdit') : t('edit')}
        </Button>
        <ConfirmButton
          label={t('delete')}
          message={t('confirmDelete', { title: row.title })}
          testId="delete-quick-reply"
          onConfirm={async () => {
            const r = await deleteQuickReplyAction({ quickReplyId: row.id });
            if (!r.ok) return setError(r.message);
            router.refresh();
          }}
        />
      </div>
    </Card>
  );
}
