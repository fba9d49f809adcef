/**
 * A sample Jaring plugin (docs/features/plugins.md): on `invoice.paid` it appends a row
 * `{ number, customer, amount, paidAt }` to a spreadsheet through an HTTP endpoint, such as a
 * Google Apps Script web app bound to a sheet (`doPost(e)` → `sheet.appendRow(...)`), with a
 * bearer token. Runs in its own host process; it imports nothing from Jaring.
 *
 * @type {import('../../lib/plugins/sdk').JaringPlugin}
 */
const plugin = {
  id: 'sheets-sample',
  name: 'Google Sheets (sample)',
  version: require('./package.json').version,
  description: 'Adds a row to a spreadsheet for every paid invoice.',
  configSchema: [
    { key: 'url', label: { id: 'Alamat endpoint', en: 'Endpoint URL' }, type: 'url', required: true },
    { key: 'token', label: { id: 'Token', en: 'Token' }, type: 'secret', required: true },
  ],
  hooks: {
    'invoice.paid': async (event, ctx) => {
      const d = event.data;
      const res = await ctx.fetch(ctx.config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${ctx.config.token}`,
          // The same event retried is the same row: the endpoint can drop repeats by this.
          'idempotency-key': event.id,
        },
        body: JSON.stringify({
          number: d.number,
          customer: d.customerName ?? d.customerId,
          amount: d.amount,
          paidAt: d.paidAt,
        }),
        signal: AbortSignal.timeout(4000),
      });
      if (!res.ok) throw new Error(`The sheet endpoint answered HTTP ${res.status}`);
    },
  },
};

module.exports = plugin;
