import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { OnuActionsPanel } from './onu-actions-panel';

/**
 * An ONU's command-line actions for its page: read the signal now, reboot (confirmed),
 * remove from the OLT (confirmed). Each is a job on the OLT's queue, followed live.
 */
export async function OnuActions({ onuId }: { onuId: string }) {
  const { ctx } = await requirePage('olts.view');
  return <OnuActionsPanel onuId={onuId} canProvision={can(ctx.role, 'onus.provision')} />;
}
