import { useTranslations } from 'next-intl';
import { Badge, Card } from '@/components/ui/card';
import type { PaymentCallback } from '@/db/schema';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

const GOOD = new Set(['settled', 'duplicate', 'updated']);

/** Every callback as it arrived, accepted or not: what support reads when a payment "went missing". */
export function CallbackList({
  callbacks,
  locale,
  timeZone,
}: {
  callbacks: PaymentCallback[];
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations('payments');
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('callbacks')}</h2>
      {callbacks.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noCallbacks')}</p>
      ) : (
        <ul className="space-y-3" data-testid="callback-list">
          {callbacks.map((c) => (
            <li
              key={c.id}
              className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
              data-testid="callback-row"
            >
              <div className="flex flex-wrap items-center gap-2">
                <Badge color={GOOD.has(c.outcome) ? 'green' : c.outcome === 'ignored' ? 'slate' : 'red'}>
                  {t(`outcomes.${c.outcome}`)}
                </Badge>
                <span className="font-mono text-xs">{`${t('httpStatus')} ${c.httpStatus}`}</span>
                <span className="text-xs text-slate-500">{formatDateTime(c.createdAt, locale, timeZone)}</span>
                <span className="text-xs text-slate-500">{`${t('remoteIp')}: ${c.remoteIp ?? '—'}`}</span>
              </div>
              {c.detail && (
                <p className="mt-1 break-words font-mono text-xs text-slate-600 dark:text-slate-400">{c.detail}</p>
              )}
              <details className="mt-2">
                <summary className="cursor-pointer text-xs font-medium text-brand-700 dark:text-brand-500">
                  {t('headers')}
                </summary>
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                  {JSON.stringify(c.headers, null, 2)}
                </pre>
              </details>
              <p className="mt-2 text-xs font-medium">{t('body')}</p>
              <pre
                className="mt-1 max-h-64 overflow-auto whitespace-pre rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
                data-testid="callback-body"
              >
                {pretty(c.body)}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** JSON bodies indented for reading; form bodies (DuitKu) one field per line; anything else as is. */
function pretty(body: string) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body.includes('=') && !body.includes('\n') ? body.split('&').join('\n') : body;
  }
}
