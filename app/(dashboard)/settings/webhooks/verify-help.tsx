import { getTranslations } from 'next-intl/server';

const SNIPPET = `import { Webhook } from 'standardwebhooks';

// body: the raw request body (a string), headers: the request's headers
const event = new Webhook(process.env.JARING_WEBHOOK_SECRET).verify(body, headers);
// event = { type: 'invoice.paid', timestamp: '…', data: { … } }`;

/** How a receiver checks what Jaring sends (docs/features/webhooks.md has the rest). */
export async function VerifyHelp() {
  const t = await getTranslations('webhooks');
  return (
    <details className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="flex min-h-11 cursor-pointer items-center px-4 font-medium">{t('howTitle')}</summary>
      <div className="space-y-3 border-t border-slate-200 p-4 text-sm dark:border-slate-800">
        <p>{t('howText', { json: '{"type", "timestamp", "data"}' })}</p>
        <pre className="overflow-x-auto rounded-lg bg-slate-100 p-3 text-xs dark:bg-slate-800">{SNIPPET}</pre>
      </div>
    </details>
  );
}
