'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition } from 'react';
import { checkCoverageAction, createLeadAction } from '@/app/_actions/customers';
import { CoverageNote } from '@/components/coverage-note';
import { LocationMap } from '@/components/map';
import { NearestOdps, useNearestOdps, useNearestOnMap } from '@/components/map/network/nearest-odps';
import { useLatLng } from '@/components/map/use-lat-lng';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { BILLING_TYPES } from '@/lib/customers/constants';
import type { Coverage } from '@/lib/infrastructure/odps';

type PlanOption = { id: string; name: string; billingType: (typeof BILLING_TYPES)[number] };

export function LeadForm({
  plans,
  radiusM,
  initialPoint,
  canSeeNetwork,
}: {
  plans: PlanOption[];
  radiusM: number;
  /** From the coverage map's "register a lead here" (?lat=&lng=). */
  initialPoint: { latitude: number; longitude: number } | null;
  /** Staff who may see the network also get the nearest ODPs drawn on the map. */
  canSeeNetwork: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const pos = useLatLng(initialPoint);
  const { nearest, load: loadNearest } = useNearestOdps(canSeeNetwork);
  const onMap = useNearestOnMap(pos.point, nearest, radiusM);
  const [billingType, setBillingType] = useState(plans[0]!.billingType);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [checking, startCheck] = useTransition();
  const form = useActionForm(createLeadAction, (data) => router.push(`/leads/${data.lead.id}`));
  const f = form.fieldError;

  // Taps come faster than answers on a slow connection: only the last point's verdict counts.
  const checks = useRef(0);
  const check = (point = pos.point) => {
    if (!point) return;
    loadNearest(point);
    const n = ++checks.current;
    startCheck(async () => {
      const r = await checkCoverageAction(point);
      if (n === checks.current) setCoverage(r.ok ? r.data : null);
    });
  };
  // Opened from the map at a point: check it straight away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening
  useEffect(() => {
    if (initialPoint) check(initialPoint);
  }, []);
  const pick = (p: { latitude: number; longitude: number }) => {
    pos.pick(p);
    check(p);
  };
  const fillMyLocation = () => {
    setGeoError(null);
    navigator.geolocation?.getCurrentPosition(
      (g) => pick({ latitude: Number(g.coords.latitude.toFixed(6)), longitude: Number(g.coords.longitude.toFixed(6)) }),
      () => setGeoError(t('leads.locationDenied')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <Card>
      <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">{form.error && <Alert>{form.error}</Alert>}</div>
        <TextField label={t('common.name')} name="name" autoComplete="off" error={f('name')} />
        <TextField
          label={t('leads.phone')}
          name="phone"
          type="tel"
          inputMode="tel"
          placeholder="0812-3456-7890"
          error={f('phone')}
        />
        <div className="sm:col-span-2">
          <TextField label={t('leads.address')} name="address" error={f('address')} />
        </div>
        <TextField label={t('leads.area')} name="area" error={f('area')} />
        <SelectField
          label={t('leads.plan')}
          name="planId"
          options={plans.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(e) => setBillingType(plans.find((p) => p.id === e.target.value)?.billingType ?? billingType)}
          error={f('planId')}
        />
        <SelectField
          label={t('leads.billingType')}
          name="billingType"
          value={billingType}
          onChange={(e) => setBillingType(e.target.value as PlanOption['billingType'])}
          options={BILLING_TYPES.map((b) => ({ value: b, label: t(`billingTypes.${b}`) }))}
          error={f('billingType')}
        />
        <TextField label={t('leads.notes')} name="notes" error={f('notes')} />
        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('leads.location')}</legend>
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label={t('odps.latitude')}
              name="latitude"
              inputMode="decimal"
              value={pos.lat}
              onChange={(e) => pos.setLat(e.target.value)}
              onBlur={() => check()}
              error={f('latitude')}
            />
            <TextField
              label={t('odps.longitude')}
              name="longitude"
              inputMode="decimal"
              value={pos.lng}
              onChange={(e) => pos.setLng(e.target.value)}
              onBlur={() => check()}
              error={f('longitude')}
            />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={fillMyLocation}>
              {t('leads.useMyLocation')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => check()}
              disabled={!pos.point || checking}
              data-testid="check-coverage"
            >
              {t('coverage.check')} ({radiusM} m)
            </Button>
          </div>
          {geoError && <Alert>{geoError}</Alert>}
          <LocationMap center={pos.center} onPick={pick} {...onMap} />
          <p className="text-xs text-slate-500">{t('leads.mapHint')}</p>
          {coverage && <CoverageNote coverage={coverage} />}
          {coverage && <NearestOdps nearest={nearest} />}
        </fieldset>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={form.pending} data-testid="save-lead">
            {t('leads.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
