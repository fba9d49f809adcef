import Link from 'next/link';
import { StackedCell } from '@/components/ui/stacked-table';
import { formatBytes } from './format';

/** Who a session belongs to: the username (linked to the customer when known) and the name. */
export function SessionWhoCells(p: {
  username: string;
  customerId: string | null;
  customerName: string | null;
  unknownLabel: string;
}) {
  return (
    <>
      <StackedCell className="col-span-2 break-all font-medium">
        {p.customerId ? (
          <Link href={`/customers/${p.customerId}`} className="text-brand-700 underline dark:text-brand-500">
            {p.username}
          </Link>
        ) : (
          <code>{p.username}</code>
        )}
      </StackedCell>
      <StackedCell className="col-span-2 -mt-2 md:mt-0">
        {p.customerName ?? <span className="text-xs text-slate-500">{p.unknownLabel}</span>}
      </StackedCell>
    </>
  );
}

/** Download (to the customer) and upload, as the accounting / router figures give them. */
export function TrafficCells(p: {
  download: number | null;
  upload: number | null;
  labels: { download: string; upload: string };
}) {
  return (
    <>
      <StackedCell label={p.labels.download} className="md:whitespace-nowrap">
        {formatBytes(p.download)}
      </StackedCell>
      <StackedCell label={p.labels.upload} className="md:whitespace-nowrap">
        {formatBytes(p.upload)}
      </StackedCell>
    </>
  );
}
