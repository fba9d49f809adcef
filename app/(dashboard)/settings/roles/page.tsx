import { Check, Minus } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can, PERMISSION_NAMES, ROLES } from '@/lib/auth/permissions';

/** The permission matrix exactly as the code enforces it (lib/auth/permissions.ts). */
export default async function RolesPage() {
  await requirePage('roles.view');
  const t = await getTranslations('roles');
  return (
    <div>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Table testId="permission-matrix" head={[t('permission'), ...ROLES.map((r) => t(`names.${r}`))]}>
        {PERMISSION_NAMES.map((p) => (
          <tr key={p}>
            <Td>
              <div className="font-medium">{t(`permissions.${p.replace('.', '_')}`)}</div>
              <code className="text-xs text-slate-500">{p}</code>
            </Td>
            {ROLES.map((r) => (
              <Td key={r} className="text-center">
                {can(r, p) ? (
                  <Check className="mx-auto text-emerald-600" size={18} aria-label="✓" />
                ) : (
                  <Minus className="mx-auto text-slate-300" size={18} aria-label="—" />
                )}
              </Td>
            ))}
          </tr>
        ))}
      </Table>
    </div>
  );
}
