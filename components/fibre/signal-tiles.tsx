import { getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { signalDashboardOp } from '@/lib/fibre/signal/operations';

/**
 * The NOC dashboard's fibre tiles: ONUs at a critical level and ONUs in LOS, each linking to
 * the ONU list with the same filter. Hidden until the organization has an ONU.
 */
export async function SignalTiles() {
  const { ctx, read } = await requirePage();
  if (!can(ctx.role, signalDashboardOp.permission)) return null;
  const [t, s] = await Promise.all([getTranslations('signal.dashboard'), read(signalDashboardOp, {})]);
  if (s.onus === 0) return null;
  return (
    <>
      <StatTile
        label={t('critical')}
        value={s.critical}
        hint={t('criticalHint')}
        href="/olts/onus?level=critical"
        tone={s.critical ? 'red' : undefined}
        testId="stat-onu-critical"
      />
      <StatTile
        label={t('los')}
        value={s.los}
        hint={t('losHint')}
        href="/olts/onus?state=los"
        tone={s.los ? 'red' : undefined}
        testId="stat-onu-los"
      />
    </>
  );
}
