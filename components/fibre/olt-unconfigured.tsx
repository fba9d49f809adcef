import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { oltTemplateOp, unconfiguredOnusOp } from '@/lib/fibre/olt/operations';
import { OltUnconfiguredList } from './olt-unconfigured-list';

/** What the OLT page's waiting-ONU list needs, read through the operations (for pages that load it themselves). */
export async function loadUnconfigured(read: Awaited<ReturnType<typeof requirePage>>['read'], oltId: string) {
  const [data, template] = await Promise.all([read(unconfiguredOnusOp, { oltId }), read(oltTemplateOp, { oltId })]);
  return {
    scannedAt: data.scannedAt,
    onus: data.onus,
    scanJobId: data.scanJobId,
    lastScanError: data.lastScanError,
    registering: data.registering.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    values: template.template.values,
  };
}

/**
 * The ONUs waiting unconfigured on an OLT (from its last scan, with when it was read), a
 * "Scan now" button that follows the scan job, and per ONU the register form: name,
 * customer, the template's values → the preview of the exact commands → confirm → the job.
 */
export async function OltUnconfigured({ oltId }: { oltId: string }) {
  const { ctx, read, info } = await requirePage('olts.view');
  const data = await loadUnconfigured(read, oltId);
  return (
    <OltUnconfiguredList
      oltId={oltId}
      data={data}
      canProvision={can(ctx.role, 'onus.provision')}
      timeZone={info.org?.timezone ?? 'Asia/Jakarta'}
    />
  );
}
