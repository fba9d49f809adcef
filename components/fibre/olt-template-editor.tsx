import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { oltTemplateOp } from '@/lib/fibre/olt/operations';
import { OltTemplateForm } from './olt-template-form';

/**
 * An OLT's registration template: the commands with placeholders and the values that differ
 * per ISP (profiles, VLAN, ONU type). Saved templates are checked: a placeholder without a
 * value is refused next to the commands.
 */
export async function OltTemplateEditor({ oltId }: { oltId: string }) {
  const { ctx, read } = await requirePage('olts.view');
  const { template, defaults } = await read(oltTemplateOp, { oltId });
  return (
    <OltTemplateForm oltId={oltId} template={template} defaults={defaults} canManage={can(ctx.role, 'olts.manage')} />
  );
}
