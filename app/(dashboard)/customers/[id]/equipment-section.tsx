import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { installedEquipment } from '@/lib/inventory/field-stock';
import { LockMacButton } from './lock-mac-button';

type Equipment = Awaited<ReturnType<typeof installedEquipment>>;

/**
 * The equipment installed for each subscription (units at its customer location, materials by
 * quantity), its device MAC, and "Kunci MAC" for those who manage the customer.
 */
export async function EquipmentSection(props: {
  subscriptions: { id: string; serviceUsername: string; terminated?: boolean; equipment: Equipment }[];
  canManage: boolean;
}) {
  const t = await getTranslations('inventoryField');
  return (
    <section id="equipment" className="scroll-mt-20 space-y-3">
      <h2 className="font-semibold">{t('equipment.title')}</h2>
      {props.subscriptions.map((s) => (
        <Card key={s.id}>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-medium">{s.serviceUsername}</h3>
            {s.terminated && (
              <p className="w-full text-sm text-amber-700" data-testid="equipment-collect">
                {t('equipment.collect')}
              </p>
            )}
            <p className="text-sm">
              {t('equipment.deviceMac')}:{' '}
              <span className="font-mono" data-testid="device-mac">
                {s.equipment.deviceMac ?? '—'}
              </span>
            </p>
          </div>
          {s.equipment.units.length === 0 && s.equipment.bulk.length === 0 ? (
            <p className="text-sm text-slate-500">{t('equipment.empty')}</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="installed-equipment">
              {s.equipment.units.map((u) => (
                <li key={u.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <Link
                    href={`/inventory/units/${u.id}`}
                    className="font-mono text-brand-700 underline dark:text-brand-500"
                  >
                    {u.serial}
                  </Link>
                  <span className="text-slate-500">
                    {u.itemName}
                    {u.mac ? ` · ${u.mac}` : ''}
                  </span>
                </li>
              ))}
              {s.equipment.bulk.map((b) => (
                <li key={b.itemId} className="flex justify-between gap-2 py-2">
                  <span>{b.name}</span>
                  <span>
                    {b.quantity} {t(`units.${b.unit}`)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {props.canManage && !s.terminated && s.equipment.deviceMac && (
            <div className="mt-3 flex flex-wrap items-center gap-2">
              {s.equipment.callerId === s.equipment.deviceMac ? (
                <p className="text-sm text-emerald-700" data-testid="mac-locked">
                  {t('equipment.locked')}
                </p>
              ) : (
                <LockMacButton subscriptionId={s.id} mac={s.equipment.deviceMac} />
              )}
            </div>
          )}
        </Card>
      ))}
    </section>
  );
}
