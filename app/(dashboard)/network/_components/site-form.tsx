'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { saveSiteAction } from '@/app/_actions/infrastructure';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { SITE_KINDS, type SiteKind } from '@/lib/infrastructure/constants';
import { LocationFields } from './location-fields';
import { type PonPortChoice, PonPortSelect } from './pon-port-select';
import { TextArea } from './text-area';

export type SiteValues = {
  id: string;
  kind: SiteKind;
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  capacity: number | null;
  area: string | null;
  notes: string | null;
  parentSiteId?: string | null;
  routerId?: string | null;
  ponPortId?: string | null;
};

/** What a site can hang off (lib/infrastructure/topology.ts siteTopologyChoices). */
export type TopologyChoices = {
  sites: { id: string; kind: SiteKind; code: string; name: string }[];
  routers: { id: string; name: string }[];
};

/** A POP, OLT, ODC cabinet or pole. */
export function SiteForm({
  site,
  defaultKind,
  topology,
  ponPorts,
}: {
  site?: SiteValues;
  defaultKind?: SiteKind;
  topology?: TopologyChoices;
  /** ODC cabinets: the PON ports that can feed it (the edit form; left out, the field is not sent). */
  ponPorts?: PonPortChoice[];
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(saveSiteAction, (row) =>
    site ? router.refresh() : router.push(`/network/sites/${row.id}`),
  );
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="site-form">
      <div className="sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && site && <Alert kind="success">{t('network.siteSaved')}</Alert>}
      </div>
      <input type="hidden" name="siteId" value={site?.id ?? ''} />
      <SelectField
        label={t('network.siteKind')}
        name="kind"
        defaultValue={site?.kind ?? defaultKind ?? 'odc'}
        error={f('kind')}
        options={SITE_KINDS.map((k) => ({ value: k, label: t(`network.kinds.${k}`) }))}
      />
      <TextField
        label={t('odps.code')}
        name="code"
        defaultValue={site?.code}
        autoCapitalize="characters"
        error={f('code')}
      />
      <TextField label={t('odps.name')} name="name" defaultValue={site?.name} error={f('name')} />
      <TextField
        label={t('network.capacity')}
        name="capacity"
        inputMode="numeric"
        defaultValue={site?.capacity ?? ''}
        error={f('capacity')}
        hint={t('network.capacityHint')}
      />
      <TextField label={t('odps.area')} name="area" defaultValue={site?.area ?? ''} error={f('area')} />
      <div className="hidden sm:block" />
      {topology && (
        <>
          <SelectField
            label={t('network.parentSite')}
            name="parentSiteId"
            defaultValue={site?.parentSiteId ?? ''}
            error={f('parentSiteId')}
            hint={t('network.parentSiteHint')}
            options={[
              { value: '', label: t('network.none') },
              ...topology.sites
                .filter((s) => s.id !== site?.id)
                .map((s) => ({ value: s.id, label: `${t(`network.kinds.${s.kind}`)} · ${s.code} — ${s.name}` })),
            ]}
          />
          <SelectField
            label={t('network.servingRouter')}
            name="routerId"
            defaultValue={site?.routerId ?? ''}
            error={f('routerId')}
            hint={t('network.servingRouterHint')}
            options={[
              { value: '', label: t('network.none') },
              ...topology.routers.map((r) => ({ value: r.id, label: r.name })),
            ]}
          />
        </>
      )}
      {ponPorts && site?.kind === 'odc' && (
        <PonPortSelect choices={ponPorts} value={site.ponPortId ?? null} error={f('ponPortId')} />
      )}
      <LocationFields initial={site} kind="pick" errors={{ latitude: f('latitude'), longitude: f('longitude') }} />
      <div className="sm:col-span-2">
        <TextArea label={t('network.notes')} name="notes" defaultValue={site?.notes ?? ''} error={f('notes')} />
      </div>
      <div>
        <Button type="submit" disabled={form.pending} data-testid="site-save">
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
