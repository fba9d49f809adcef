import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';
import { SignalTiles } from '@/components/fibre/signal-tiles';
import { TaskProblems } from '@/components/jobs/task-problems';
import { SetupChecklist } from '@/components/setup/setup-checklist';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { backupHealthOp } from '@/lib/backups/operations';
import {
  dashboardFieldOp,
  dashboardFinanceOp,
  dashboardNetworkOp,
  dashboardOp,
  dashboardPeopleOp,
  dashboardSalesOp,
  dashboardWarehouseOp,
  dashboardWorkOrdersOp,
} from '@/lib/dashboard/operations';
import { dashboardSections } from '@/lib/dashboard/sections';
import { toLocale } from '@/lib/i18n/config';
import { inboxCountsOp } from '@/lib/inbox/operations';
import { setupChecklistOp } from '@/lib/organizations/operations';
import { ticketCountsOp } from '@/lib/tickets/operations';
import { seesOnlyOwnWorkOrders } from '@/lib/workorders/spk';
import { ActivityFeed } from './_dashboard/activity';
import { BackupAlert } from './_dashboard/backups';
import { FieldTiles, PeopleDetail, PeopleTiles } from './_dashboard/field';
import { InboxTile } from './_dashboard/inbox';
import { MoneyCharts, MoneyTiles } from './_dashboard/money';
import { NetworkDetail, NetworkTiles } from './_dashboard/network';
import { SalesDetail, SalesTiles } from './_dashboard/sales';
import { EscalatedTickets, TicketTiles } from './_dashboard/tickets';
import { WarehouseTiles } from './_dashboard/warehouse';
import { WorkTiles, WorkToday } from './_dashboard/work';

/**
 * The start page, by role (lib/dashboard/sections.ts): tiles first (each a link to the list
 * behind it), then charts and lists, then the activity feed.
 */
export default async function DashboardPage() {
  const { info, ctx, read } = await requirePage('dashboard.view');
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { sections, later } = dashboardSections(ctx.role);
  const has = (s: (typeof sections)[number]) => sections.includes(s);
  // Roles who may see tickets without the network or sales section (counter, finance) read the counts themselves.
  const ownTickets = can(ctx.role, 'tickets.view') && !has('network') && !has('sales');
  // Started with the others below; awaited after them.
  const workLoad = has('work') ? read(dashboardWorkOrdersOp, {}) : null;
  const [setup, summary, money, network, sales, field, people, ticketCounts, warehouse, inbox, backups] =
    await Promise.all([
      can(ctx.role, setupChecklistOp.permission) ? read(setupChecklistOp, {}) : null,
      read(dashboardOp, {}),
      has('money') ? read(dashboardFinanceOp, {}) : null,
      has('network') ? read(dashboardNetworkOp, {}) : null,
      has('sales') ? read(dashboardSalesOp, {}) : null,
      has('field') ? read(dashboardFieldOp, {}) : null,
      has('people') ? read(dashboardPeopleOp, {}) : null,
      ownTickets ? read(ticketCountsOp, {}) : null,
      has('warehouse') ? read(dashboardWarehouseOp, {}) : null,
      can(ctx.role, 'inbox.view') ? read(inboxCountsOp, {}) : null,
      // The platform's backups: only the super admin can act on them.
      can(ctx.role, 'platform.backups') ? read(backupHealthOp, {}) : null,
    ]);
  const work = await workLoad;
  // A technician's figures are their own, and so are the lists they open.
  const workUser = seesOnlyOwnWorkOrders(ctx.role) ? ctx.userId : null;
  const jobsLink = can(ctx.role, 'jobs.view');
  // NOC and customer service both work tickets: their counts come with either section, shown once.
  const tickets = can(ctx.role, 'tickets.view') ? (network?.tickets ?? sales?.tickets ?? ticketCounts ?? null) : null;
  const heading = (key: string) => <h2 className="pt-2 text-lg font-semibold">{t(`dashboard.sections.${key}`)}</h2>;
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title={t('dashboard.welcome', { name: info.user.name })}
        subtitle={t('dashboard.yourRole', { org: info.org!.name, role: t(`roles.names.${ctx.role}`) })}
        actions={
          // A reseller adds customers from their portal.
          can(ctx.role, 'leads.create') &&
          ctx.role !== 'reseller' && (
            <Link href="/leads/new" className={buttonClass('primary')} data-testid="dashboard-add-customer">
              {t('customerList.add')}
            </Link>
          )
        }
      />
      {setup && <SetupChecklist data={setup} />}
      <TaskProblems problems={summary.problems} locale={locale} timeZone={tz} />
      {backups && <BackupAlert health={backups} locale={locale} timeZone={tz} />}
      {later && (
        <p
          className="rounded-lg bg-blue-50 p-3 text-sm text-blue-900 dark:bg-blue-950/40 dark:text-blue-200"
          data-testid="dashboard-later"
        >
          {t('dashboard.moreLater', { role: t(`roles.names.${ctx.role}`) })}
        </p>
      )}
      {/* The field's day first: its figures, then today's visits, then the rest. */}
      {work && (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="dashboard-work-stats">
          <WorkTiles w={work} userId={workUser} />
        </div>
      )}
      {work && <WorkToday w={work} userId={workUser} />}
      {tickets && <EscalatedTickets c={tickets} locale={locale} timeZone={tz} />}
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="dashboard-stats">
        {money && <MoneyTiles f={money} />}
        {network && <NetworkTiles n={network} jobsLink={jobsLink} />}
        {network && <SignalTiles />}
        {sales && <SalesTiles s={sales} locale={locale} />}
        {tickets && <TicketTiles c={tickets} />}
        {inbox && <InboxTile c={inbox} />}
        {field && <FieldTiles f={field} />}
        {people && <PeopleTiles p={people} />}
        {warehouse && <WarehouseTiles w={warehouse} />}
        {has('reseller') && (
          <StatTile
            label={t('dashboard.resellerPortal')}
            value="→"
            hint={t('dashboard.resellerHint')}
            href="/reseller"
          />
        )}
      </div>
      {money && (
        <section className="space-y-3" data-testid="dashboard-money">
          {heading('money')}
          <MoneyCharts f={money} locale={locale} />
        </section>
      )}
      {network && (
        <section className="space-y-3" data-testid="dashboard-network">
          {heading('network')}
          <NetworkDetail n={network} locale={locale} timeZone={tz} jobsLink={jobsLink} />
        </section>
      )}
      {sales && (
        <section className="space-y-3" data-testid="dashboard-sales">
          {heading('sales')}
          <SalesDetail s={sales} locale={locale} />
        </section>
      )}
      {people && <PeopleDetail p={people} />}
      {has('reseller') && (
        <Card>
          <p className="text-sm">{t('dashboard.resellerHint')}</p>
          <Link href="/reseller" className={`${buttonClass('primary')} mt-3`}>
            {t('dashboard.resellerPortal')}
          </Link>
        </Card>
      )}
      {summary.recent && <ActivityFeed items={summary.recent} locale={locale} timeZone={tz} />}
    </div>
  );
}
