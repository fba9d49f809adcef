import {
  Archive,
  Braces,
  Building2,
  ChevronRight,
  ClipboardCheck,
  CreditCard,
  Headset,
  KeyRound,
  MessageCircle,
  RadioTower,
  Receipt,
  Router,
  Smartphone,
  Users,
  Webhook,
  Wifi,
} from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SetupChecklist } from '@/components/setup/setup-checklist';
import { SetupToggle } from '@/components/setup/setup-toggle';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { settingsOverviewOp, setupChecklistOp } from '@/lib/organizations/operations';
import type { SettingsSectionKey } from '@/lib/organizations/overview';

const ICONS: Record<SettingsSectionKey, typeof Building2> = {
  organization: Building2,
  billing: Receipt,
  payments: CreditCard,
  whatsapp: MessageCircle,
  network: Router,
  hotspot: Wifi,
  users: Users,
  roles: KeyRound,
  support: Headset,
  workOrders: ClipboardCheck,
  acs: RadioTower,
  portal: Smartphone,
  webhooks: Webhook,
  api: Braces,
  export: Archive,
};

/** Pengaturan: every settings page the member may open, each with its state in one line. */
export default async function SettingsHubPage() {
  const { read, ctx } = await requirePage('roles.view');
  const t = await getTranslations();
  const data = await read(settingsOverviewOp, {});
  // The first-run checklist also heads the hub (where its steps are done) until it is finished.
  const setup = can(ctx.role, 'organization.settings') ? await read(setupChecklistOp, {}) : null;
  const line = (key: SettingsSectionKey, f: Record<string, string | number | boolean | null>) => {
    switch (key) {
      case 'organization':
        return t('settingsHub.state.organization', {
          zone: t(`settings.timezones.${f.timezone}`),
          logo: f.logo ? 'yes' : 'no',
        });
      case 'payments':
        return f.methods || f.bankAccounts
          ? t('settingsHub.state.payments', { methods: Number(f.methods), bank: f.bankAccounts ? 'yes' : 'no' })
          : t('settingsHub.state.paymentsNone');
      case 'hotspot':
        return t('settingsHub.state.hotspot', { profiles: Number(f.profiles), login: f.loginUrl ? 'yes' : 'no' });
      default:
        return t(`settingsHub.state.${key}`, f as Record<string, number>);
    }
  };
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('settingsHub.title')} subtitle={t('settingsHub.subtitle')} />
      {setup && <SetupChecklist data={setup} />}
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="settings-hub">
        {data.sections.map((s) => {
          const Icon = ICONS[s.key];
          return (
            <li key={s.key}>
              <Link
                href={s.href}
                data-testid="settings-section"
                data-section={s.key}
                className="flex min-h-11 items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900"
              >
                <Icon className="shrink-0 text-brand-600" size={22} aria-hidden />
                <span className="min-w-0 flex-1">
                  <span className="block font-medium">{t(`settingsHub.sections.${s.key}`)}</span>
                  <span className="block text-sm text-slate-600 dark:text-slate-400" data-testid="settings-state">
                    {line(s.key, s.figures)}
                  </span>
                </span>
                <ChevronRight className="shrink-0 text-slate-400" size={18} aria-hidden />
              </Link>
            </li>
          );
        })}
      </ul>
      {data.setupDismissed && (
        <Card className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">{t('setupChecklist.hidden')}</p>
          <SetupToggle dismissed />
        </Card>
      )}
    </div>
  );
}
