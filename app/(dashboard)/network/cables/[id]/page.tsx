import { getTranslations } from 'next-intl/server';
import { LocationMap } from '@/components/map';
import { MarkDownButton } from '@/components/outages/mark-down-button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { getCableOp } from '@/lib/infrastructure/operations';
import { CableForm } from '../../_components/cable-form';
import { DeleteRecord } from '../../_components/delete-record';
import { PhotoCard } from '../../_components/photo-card';
import { RecordFacts } from '../../_components/record-facts';
import { RecordLinks } from '../../_components/record-links';

export default async function CablePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('odps.view');
  const { id } = await params;
  const t = await getTranslations();
  const cable = await read(getCableOp, { cableId: id });
  const manage = can(ctx.role, 'odps.manage');
  const [start, end] = [cable.path[0]!, cable.path.at(-1)!];
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${cable.code} · ${cable.name}`}
        subtitle={`${t(`network.cableTypes.${cable.cableType}`)} · ${t('network.cores', { count: cable.coreCount })} · ${t('network.meters', { length: cable.lengthM })}`}
        actions={
          <>
            <RecordLinks kind="cable" id={cable.id} at={cable.path[Math.floor(cable.path.length / 2)]!} tab="cables" />
            {can(ctx.role, 'outages.manage') && <MarkDownButton elementType="cable" elementId={cable.id} />}
          </>
        }
      />
      {!manage && (
        <Card className="space-y-3">
          <RecordFacts
            rows={[
              [t('network.route'), t('network.routePoints', { points: cable.path.length })],
              [
                t('network.routeStart'),
                <span key="s" className="font-mono text-xs">
                  {start.join(', ')}
                </span>,
              ],
              [
                t('network.routeEnd'),
                <span key="e" className="font-mono text-xs">
                  {end.join(', ')}
                </span>,
              ],
              [t('odps.area'), cable.area ?? '—'],
              [
                t('network.notes'),
                cable.notes ? (
                  <span key="n" className="whitespace-pre-line">
                    {cable.notes}
                  </span>
                ) : (
                  '—'
                ),
              ],
            ]}
          />
          <LocationMap
            center={{ latitude: start[0], longitude: start[1] }}
            points={cable.path.map(([latitude, longitude], i) => ({
              latitude,
              longitude,
              kind: i === 0 || i === cable.path.length - 1 ? 'pick' : 'odp',
              label: String(i + 1),
            }))}
            height={240}
          />
        </Card>
      )}
      <PhotoCard kind="cable" id={cable.id} version={cable.photoPath} manage={manage} />
      {manage && (
        <Card className="space-y-4">
          <h2 className="font-semibold">{t('network.editCable')}</h2>
          <CableForm
            cable={{
              id: cable.id,
              code: cable.code,
              name: cable.name,
              cableType: cable.cableType,
              coreCount: cable.coreCount,
              path: cable.path,
              area: cable.area,
              notes: cable.notes,
              fromEnd: cable.fromEnd,
              toEnd: cable.toEnd,
            }}
          />
          <div className="border-t border-slate-100 pt-4 dark:border-slate-800">
            <DeleteRecord kind="cable" id={cable.id} code={cable.code} />
          </div>
        </Card>
      )}
    </div>
  );
}
