'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { addTicketAttachmentAction } from '@/app/_actions/tickets';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/** Photos on the ticket (a modem's lights, a cut cable, a transfer slip), served by the signed-in attachment route. */
export function Attachments({
  ticketId,
  items,
  manage,
}: {
  ticketId: string;
  items: { id: string; fileName: string; mime: string }[];
  manage: boolean;
}) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const form = useActionForm(addTicketAttachmentAction, () => router.refresh());
  if (!manage && items.length === 0) return null;
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('attachments')}</h2>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noAttachments')}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="attachments">
          {items.map((a) => (
            <li key={a.id} className="min-w-0">
              <a href={`/api/tickets/attachments/${a.id}`} target="_blank" rel="noreferrer" className="block">
                {a.mime.startsWith('image/') ? (
                  // biome-ignore lint/performance/noImgElement: a private, authenticated file, not a static asset
                  <img
                    src={`/api/tickets/attachments/${a.id}`}
                    alt={a.fileName}
                    className="h-28 w-full rounded-lg object-cover"
                  />
                ) : (
                  <span className="flex min-h-11 items-center break-all text-sm underline">{a.fileName}</span>
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <form onSubmit={form.onSubmit} className="space-y-2" noValidate>
          {form.error && <Alert>{form.fieldError('file') ?? form.error}</Alert>}
          <input type="hidden" name="ticketId" value={ticketId} />
          <input
            type="file"
            name="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            aria-label={t('addAttachment')}
            className={`${inputClass} py-2`}
          />
          <Button type="submit" variant="secondary" disabled={form.pending}>
            {t('addAttachment')}
          </Button>
        </form>
      )}
    </Card>
  );
}
