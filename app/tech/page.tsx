import { requirePage } from '@/lib/auth/context';
import { FieldApp } from './_components/field-app';

/**
 * The shell of the technician's app. It carries no work-order data itself: the client reads
 * it from /api/field (or the phone's copy offline), so the service worker can keep this page
 * as the app shell and open it without signal.
 */
export default async function TechPage() {
  const { info, ctx } = await requirePage('workorders.field');
  return <FieldApp userId={ctx.userId} timeZone={info.org!.timezone} />;
}
