'use client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { LocationMap } from '@/components/map';
import { useLatLng } from '@/components/map/use-lat-lng';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { Table, Td } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import { saveOdpAction } from '@/lib/network/actions';

type Odp = { id: string; code: string; name: string; latitude: number; longitude: number; totalPorts: number; usedPorts: number; area: string | null };

export function OdpForm({ odp }: { odp?: Odp }) {
  const t = useTranslations();
  const router = useRouter();
  const pos = useLatLng(odp);
  const form = useActionForm(saveOdpAction, () => router.push('/odps'));
  const f = form.fieldError;
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{odp ? `${odp.code}` : t('odps.new')}</h2>
      <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" noValidate>
        <div className="sm:col-span-2 lg:col-span-3">
          {form.error && <Alert>{form.error}</Alert>}
          {form.result?.ok && <Alert kind="success">{t('odps.saved')}</Alert>}
        </div>
        <input type="hidden" name="odpId" value={odp?.id ?? ''} />
        <TextField label={t('odps.code')} name="code" defaultValue={odp?.code} error={f('code')} />
        <TextField label={t('odps.name')} name="name" defaultValue={odp?.name} error={f('name')} />
        <TextField label={t('odps.area')} name="area" defaultValue={odp?.area ?? ''} error={f('area')} />
        <TextField
          label={t('odps.latitude')}
          name="latitude"
          inputMode="decimal"
          value={pos.lat}
          onChange={(e) => pos.setLat(e.target.value)}
          error={f('latitude')}
        />
        <TextField
          label={t('odps.longitude')}
          name="longitude"
          inputMode="decimal"
          value={pos.lng}
          onChange={(e) => pos.setLng(e.target.value)}
          error={f('longitude')}
        />
        <TextField label={t('odps.totalPorts')} name="totalPorts" inputMode="numeric" defaultValue={odp?.totalPorts ?? 8} error={f('totalPorts')} />
        <div className="sm:col-span-2 lg:col-span-3">
          <LocationMap
            center={pos.center}
            points={pos.point ? [{ ...pos.point, kind: 'odp' }] : []}
            onPick={pos.pick}
            height={220}
          />
          <p className="mt-1 text-xs text-slate-500">{t('leads.mapHint')}</p>
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={form.pending}>
            {t('common.save')}
          </Button>
          {odp && (
            <Link href="/odps" className={buttonClass('secondary')}>
              {t('common.cancel')}
            </Link>
          )}
        </div>
      </form>
    </Card>
  );
}

export function OdpsTable({ rows, manage }: { rows: Odp[]; manage: boolean }) {
  const t = useTranslations();
  return (
    <Table testId="odps-table" head={[t('odps.code'), t('odps.name'), t('odps.area'), t('odps.used'), 'Lat, Lng', '']}>
      {rows.map((o) => (
        <tr key={o.id}>
          <Td className="font-medium">{o.code}</Td>
          <Td>{o.name}</Td>
          <Td>{o.area ?? '—'}</Td>
          <Td>
            {o.usedPorts}/{o.totalPorts} {o.usedPorts >= o.totalPorts && <Badge color="red">{t('odps.full')}</Badge>}
          </Td>
          <Td className="whitespace-nowrap text-xs">
            {o.latitude.toFixed(6)}, {o.longitude.toFixed(6)}
          </Td>
          <Td>
            {manage && (
              <Link href={`/odps?edit=${o.id}`} className={buttonClass('secondary')}>
                {t('plans.edit')}
              </Link>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
