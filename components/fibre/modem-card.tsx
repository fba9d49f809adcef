import { can, type Role } from '@/lib/auth/permissions';
import { modemCardOp } from '@/lib/fibre/acs/operations';
import type { Locale } from '@/lib/i18n/config';
import type { Read } from '@/lib/server/read';
import { ModemPanel } from './modem-panel';

/**
 * The customer page's modem card (TR-069 through GenieACS): nothing at all when the
 * organization has no ACS; otherwise the linked modem's summary and what may be asked of it.
 */
export async function ModemCard({
  subscriptionId,
  read,
  role,
  locale,
  timeZone,
}: {
  subscriptionId: string;
  read: Read;
  role: Role;
  locale: Locale;
  timeZone: string;
}) {
  if (!can(role, 'devices.view')) return null;
  const data = await read(modemCardOp, { subscriptionId });
  if (!data.configured) return null;
  return (
    <ModemPanel
      subscriptionId={subscriptionId}
      initial={data}
      canManage={can(role, 'devices.manage')}
      canReset={can(role, 'devices.reset')}
      locale={locale}
      timeZone={timeZone}
    />
  );
}
