import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/status-badge';
import { Card } from '@/components/ui/card';
import { formatCustomerNumber } from '@/lib/customers/constants';
import type { odpPortMap } from '@/lib/infrastructure/ports';

type PortMap = Awaited<ReturnType<typeof odpPortMap>>;
type On = NonNullable<PortMap['ports'][number]['on']>;

/**
 * Ports 1..N and who is plugged into each, plus customers on the ODP whose port is not
 * recorded yet. Names only for roles that may see customers.
 */
export async function OdpPorts({ map, showCustomers }: { map: PortMap; showCustomers: boolean }) {
  const t = await getTranslations();
  const who = (on: On) =>
    showCustomers ? (
      <Link href={`/customers/${on.customerId}`} className="underline">
        {on.customerName} <span className="text-xs text-slate-500">{formatCustomerNumber(on.customerNumber)}</span>
      </Link>
    ) : (
      <span>{t('network.portTaken')}</span>
    );
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('network.portsTitle')}</h2>
      <ol className="grid gap-2 sm:grid-cols-2" data-testid="odp-ports">
        {map.ports.map(({ port, on }) => (
          <li
            key={port}
            data-testid="odp-port"
            data-port={port}
            data-free={on ? 'false' : 'true'}
            className={`flex min-h-11 items-center justify-between gap-2 rounded-lg border px-3 py-2 text-sm ${on ? 'border-slate-200 dark:border-slate-800' : 'border-dashed border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300'}`}
          >
            <span className="shrink-0 font-mono text-xs">{t('network.portNumber', { port })}</span>
            {on ? (
              <span className="flex min-w-0 flex-wrap items-center justify-end gap-2 text-right">
                {who(on)}
                <StatusBadge status={on.status} />
              </span>
            ) : (
              <span>{t('network.portFree')}</span>
            )}
          </li>
        ))}
      </ol>
      {map.unnumbered.length > 0 && (
        <div className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
          <h3 className="text-sm font-medium">{t('network.unnumbered', { count: map.unnumbered.length })}</h3>
          <p className="text-xs text-slate-500">{t('network.unnumberedHint')}</p>
          <ul className="space-y-1 text-sm" data-testid="odp-unnumbered">
            {map.unnumbered.map((on) => (
              <li key={on.subscriptionId} className="flex flex-wrap items-center gap-2">
                {who(on)}
                <StatusBadge status={on.status} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
