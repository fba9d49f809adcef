import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';
import { Card } from '@/components/ui/card';
import type { fieldDashboard, peopleDashboard } from '@/lib/dashboard/field';

type Field = Awaited<ReturnType<typeof fieldDashboard>>;
type People = Awaited<ReturnType<typeof peopleDashboard>>;

export async function FieldTiles({ f }: { f: Field }) {
  const t = await getTranslations('dashboard');
  return (
    <>
      <StatTile label={t('odps')} value={f.odps} href="/odps" testId="stat-odps" />
      <StatTile
        label={t('portsUsed')}
        value={f.usedPorts}
        hint={t('portsHint', { count: f.ports })}
        href="/odps"
        testId="stat-ports"
      />
      <StatTile
        label={t('odpsFull')}
        value={f.fullOdps}
        href="/odps"
        tone={f.fullOdps ? 'amber' : undefined}
        testId="stat-odps-full"
      />
    </>
  );
}

export async function PeopleTiles({ p }: { p: People }) {
  const t = await getTranslations('dashboard');
  return (
    <>
      <StatTile label={t('members')} value={p.members} href="/users" testId="stat-members" />
      <StatTile
        label={t('membersInactive')}
        value={p.inactive}
        hint={t('membersInactiveHint')}
        href="/users"
        testId="stat-members-inactive"
      />
    </>
  );
}

export async function PeopleDetail({ p }: { p: People }) {
  const t = await getTranslations();
  return (
    <Card>
      <h3 className="mb-2 font-semibold">{t('dashboard.membersByRole')}</h3>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {p.byRole.map((r) => (
          <li key={r.role}>
            <Link href="/users" className="flex min-h-11 items-center justify-between">
              <span>{t.has(`roles.names.${r.role}`) ? t(`roles.names.${r.role}`) : r.role}</span>
              <span className="font-medium">{r.n}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
