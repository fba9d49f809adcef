import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  billingSettings,
  broadcasts,
  cables,
  customers,
  gatewayTransactions,
  infraSites,
  invitations,
  invoices,
  jobs,
  leads,
  memberships,
  messages,
  messageTemplates,
  messagingSettings,
  odps,
  organizations,
  paymentGateways,
  payments,
  plans,
  portalSettings,
  routerImports,
  routerSessions,
  routers,
  subscriptions,
  whatsappSessions,
} from '@/db/schema';
import * as accountOps from '@/lib/account/operations';
import * as apiKeyOps from '@/lib/api/key-operations';
import * as auditOps from '@/lib/audit/operations';
import * as backupOps from '@/lib/backups/operations';
import * as billingOps from '@/lib/billing/operations';
import * as bulkOps from '@/lib/bulk/operations';
import { encryptSecret } from '@/lib/crypto';
import * as customerOps from '@/lib/customers/operations';
import * as dashboardOps from '@/lib/dashboard/operations';
import * as exportOps from '@/lib/exports/operations';
import * as acsOps from '@/lib/fibre/acs/operations';
import * as activationOps from '@/lib/fibre/activation/operations';
import * as oltCliOps from '@/lib/fibre/olt/operations';
import * as fibreRecordOps from '@/lib/fibre/record-operations';
import * as signalOps from '@/lib/fibre/signal/operations';
import * as inboxOps from '@/lib/inbox/operations';
import * as mapOps from '@/lib/infrastructure/map-operations';
import * as infraOps from '@/lib/infrastructure/operations';
import * as inventoryCatalogueOps from '@/lib/inventory/catalogue-operations';
import * as countOps from '@/lib/inventory/count-operations';
import * as inventoryFieldOps from '@/lib/inventory/field-operations';
import * as inventoryMoveOps from '@/lib/inventory/move-operations';
import * as inventoryPurchaseOps from '@/lib/inventory/purchase-operations';
import * as inventoryReportOps from '@/lib/inventory/report-operations';
import { workerCheck } from '@/lib/jobs/jobs';
import * as jobOps from '@/lib/jobs/operations';
import * as messagingOps from '@/lib/messaging/operations';
import * as routerConfigOps from '@/lib/network/config-backups/operations';
import * as networkOps from '@/lib/network/operations';
// Portal operations are walked by the portal walkers (below, and tests/integration/portal-billing-isolation.test.ts).
import { OPERATIONS, PORTAL_OPERATIONS } from '@/lib/operations';
import * as orgTransferOps from '@/lib/org-transfer/operations';
import * as orgOps from '@/lib/organizations/operations';
import { listUserOrganizations } from '@/lib/organizations/queries';
import * as outageOps from '@/lib/outages/operations';
import * as paymentOps from '@/lib/payments/operations';
import * as planOps from '@/lib/plans/operations';
import * as pluginOps from '@/lib/plugins/operations';
import * as portalBillingOps from '@/lib/portal/billing-operations';
import * as portalModemOps from '@/lib/portal/modem-operations';
import * as portalSettingsOps from '@/lib/portal/settings-operations';
import * as portalSupportOps from '@/lib/portal/support-operations';
import * as requestOps from '@/lib/requests/operations';
import * as portalRequestOps from '@/lib/requests/portal-operations';
import * as resellerOps from '@/lib/resellers/operations';
import * as searchOps from '@/lib/search/operations';
import { type Ctx, executeOperation, type Operation, type Result } from '@/lib/server/operation';
import * as ticketOps from '@/lib/tickets/operations';
import * as portalUsageOps from '@/lib/usage/portal-operations';
import { inviteUser } from '@/lib/users/invitations';
import * as userOps from '@/lib/users/operations';
import * as voucherOps from '@/lib/vouchers/operations';
import * as walletOps from '@/lib/wallet/operations';
import * as webhookOps from '@/lib/webhooks/operations';
import * as workOrderOps from '@/lib/workorders/operations';
import * as workOrderSpkOps from '@/lib/workorders/spk-operations';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, makePlan, makeRouter, POLE, testDb } from '../helpers';
import { accountIsolationCases } from '../support/accounts';
import { acsIsolationCases } from '../support/acs';
import { activationIsolationCases } from '../support/activation';
import { apiKeyIsolationCases } from '../support/api-keys';
import { backupIsolationCases } from '../support/backups';
import { fibreRecordIsolationCases } from '../support/fibre-records';
import { fieldOfficeIsolationCases } from '../support/field-office';
import { inboxIsolationCases } from '../support/inbox';
import { catalogueIsolationCases } from '../support/inventory-catalogue';
import { countsIsolationCases } from '../support/inventory-counts';
import { fieldIsolationCases } from '../support/inventory-field';
import { movesIsolationCases } from '../support/inventory-moves';
import { reportsIsolationCases } from '../support/inventory-reports';
import { makeMessagingWorld } from '../support/messaging-world';
import { oltCliIsolationCases } from '../support/olt-cli';
import { orgTransferIsolationCases } from '../support/org-transfer';
import { outageIsolationCases } from '../support/outages';
import { pluginIsolationCases } from '../support/plugin-cases';
import { requestIsolationCases } from '../support/requests';
import { resellerIsolationCases } from '../support/resellers';
import { routerConfigIsolationCases } from '../support/router-configs';
import { signalIsolationCases } from '../support/signal';
import { ticketIsolationCases } from '../support/tickets';
import { voucherIsolationCases } from '../support/vouchers';
import { walletIsolationCases } from '../support/wallet';
import { webhookIsolationCases } from '../support/webhooks';
import { workOrderIsolationCases } from '../support/workorders';
import { makePortalCustomer, PORTAL_CASES, type PortalSides, portalCtxFor } from './portal-isolation-cases';

/**
 * A member of organization A, with every permission an admin has, tries each operation on
 * organization B's records. Every server action and route handler runs one of these
 * operations; the checks at the bottom prove that no entry point is missing from this list.
 */
const db = testDb();
let a: Awaited<ReturnType<typeof makeOrg>>;
let b: Awaited<ReturnType<typeof makeOrg>> & {
  world: Awaited<ReturnType<typeof makeCustomerWorld>>;
  member: Awaited<ReturnType<typeof makeMember>>;
  invitationId: string;
  jobId: string;
  routerId: string;
  sessionId: string;
  importId: string;
  gatewayId: string;
  paidTx: { id: string; orderId: string };
  reviewTx: { id: string; orderId: string };
  wa: Awaited<ReturnType<typeof makeMessagingWorld>>;
};
let ctxA: Ctx;

before(async () => {
  a = await makeOrg(db, 'tenant-a');
  const orgB = await makeOrg(db, 'tenant-b');
  const member = await makeMember(db, orgB.org.id, 'technician');
  const inv = await inviteUser(db, {
    orgId: orgB.org.id,
    actorUserId: orgB.admin.user.id,
    ip: null,
    email: 'calon@b.test',
    role: 'sales',
  });
  const [job] = await db
    .insert(jobs)
    .values({ organizationId: orgB.org.id, type: workerCheck.name, state: 'failed', error: 'B only' })
    .returning();
  const world = await makeCustomerWorld(db, orgB.org.id, orgB.admin.user.id);
  // B's router (never contacted here: operations only queue jobs), a live session, an import.
  const router = await makeRouter(db, orgB.org.id, { host: '10.255.0.1', port: 8728 }, { name: 'RB-B' });
  await db.update(subscriptions).set({ routerId: router.id }).where(eq(subscriptions.id, world.subscription.id));
  const [session] = await db
    .insert(routerSessions)
    .values({
      organizationId: orgB.org.id,
      routerId: router.id,
      kind: 'pppoe',
      itemId: '*1',
      username: world.subscription.serviceUsername,
      address: '10.10.0.2',
    })
    .returning();
  const [imp] = await db
    .insert(routerImports)
    .values({
      organizationId: orgB.org.id,
      routerId: router.id,
      jobId: job!.id,
      entries: [
        {
          kind: 'pppoe',
          name: 'rahasia-b',
          passwordEnc: 'x',
          profile: 'p',
          disabled: false,
          remoteAddress: null,
          localAddress: null,
          callerId: null,
          comment: null,
        },
      ],
    })
    .returning();
  // B's Tripay account (keys that work only for B) and two of its gateway payments: one paid, one held for review.
  const [gateway] = await db
    .insert(paymentGateways)
    .values({
      organizationId: orgB.org.id,
      gateway: 'tripay',
      enabled: true,
      credentialsEnc: encryptSecret(
        JSON.stringify({ merchantCode: 'T-B-ONLY', apiKey: 'b-api-key-only', privateKey: 'b-private-only' }),
      ),
      credentialHints: { merchantCode: 'T-B-ONLY', apiKey: 'b••••y', privateKey: 'b••••y' },
      methods: [{ code: 'BRIVA', enabled: true, feeType: 'flat', feeValue: 2500, feeBearer: 'customer' }],
    })
    .returning();
  const tx = (status: 'paid' | 'review') => ({
    organizationId: orgB.org.id,
    gateway: 'tripay' as const,
    mode: 'sandbox' as const,
    orderId: `JRG-B${randomUUID().slice(0, 8).toUpperCase()}`,
    reference: `DEV-B-${status}`,
    purpose: 'invoice' as const,
    customerId: world.customer.id,
    invoiceId: world.invoice.id,
    method: 'BRIVA',
    amount: 1_000,
    fee: 2_500,
    chargedAmount: 3_500,
    status,
    receivedAmount: status === 'review' ? 3_000 : 3_500,
  });
  const [paidTx, reviewTx] = await db
    .insert(gatewayTransactions)
    .values([tx('paid'), tx('review')])
    .returning();
  // B's WhatsApp: a gateway session with its own token, a template, a broadcast, messages.
  const wa = await makeMessagingWorld(db, orgB.org.id, world.customer.id, 'B');
  b = {
    ...orgB,
    member,
    invitationId: inv.invitationId,
    jobId: job!.id,
    world,
    routerId: router.id,
    sessionId: session!.id,
    importId: imp!.id,
    gatewayId: gateway!.id,
    paidTx: paidTx!,
    reviewTx: reviewTx!,
    wa,
  };
  ctxA = ctxFor(db, a.org.id, a.admin.user.id, 'admin');
});

const run = <S extends z.ZodType, T>(op: Operation<S, T>, input: unknown) => executeOperation(op, ctxA, input);
// B's ODC (feeding B's ODP) and a cable, both with a photo on file; made once, on first use.
let bInfraRows: Promise<{ odc: typeof infraSites.$inferSelect; cable: typeof cables.$inferSelect }> | undefined;
const bInfra = () =>
  (bInfraRows ??= (async () => {
    const [odc] = await db
      .insert(infraSites)
      .values({
        organizationId: b.org.id,
        kind: 'odc',
        code: 'ODC-B',
        name: 'Kabinet B',
        latitude: -6.91,
        longitude: 107.61,
        photoPath: `${b.org.id}/network/odc.jpg`,
      })
      .returning();
    await db.update(odps).set({ odcId: odc!.id }).where(eq(odps.id, b.world.odp.id));
    const [cable] = await db
      .insert(cables)
      .values({
        organizationId: b.org.id,
        code: 'KBL-B',
        name: 'Kabel B',
        cableType: 'feeder',
        coreCount: 24,
        path: [
          [-6.91, 107.61],
          [-6.92, 107.62],
        ],
        lengthM: 1564,
        minLat: -6.92,
        minLng: 107.61,
        maxLat: -6.91,
        maxLng: 107.62,
        photoPath: `${b.org.id}/network/kbl.jpg`,
      })
      .returning();
    return { odc: odc!, cable: cable! };
  })());
const expectNotFound = (r: Result<unknown>) => {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'not_found');
};
const json = (v: unknown) => JSON.stringify(v);

const CASES: Record<string, () => Promise<void>> = {
  'users.list': async () => {
    const r = await run(userOps.listMembersOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.member.user.email) && !json(r.data).includes('calon@b.test'));
  },
  'users.invite': async () => {
    const r = await run(userOps.inviteUserOp, { email: 'baru@a.test', role: 'noc' });
    assert.ok(r.ok);
    const rows = await db.select().from(invitations).where(eq(invitations.email, 'baru@a.test'));
    assert.deepEqual(
      rows.map((i) => i.organizationId),
      [a.org.id],
    );
  },
  'users.revokeInvitation': async () => {
    expectNotFound(await run(userOps.revokeInvitationOp, { invitationId: b.invitationId }));
    const [inv] = await db.select().from(invitations).where(eq(invitations.id, b.invitationId));
    assert.equal(inv!.revokedAt, null);
  },
  'users.changeRole': async () => {
    expectNotFound(await run(userOps.changeRoleOp, { membershipId: b.member.membership.id, role: 'admin' }));
    const [m] = await db.select().from(memberships).where(eq(memberships.id, b.member.membership.id));
    assert.equal(m!.role, 'technician');
  },
  'users.setActive': async () => {
    expectNotFound(await run(userOps.setMemberActiveOp, { membershipId: b.member.membership.id, active: false }));
    const [m] = await db.select().from(memberships).where(eq(memberships.id, b.member.membership.id));
    assert.equal(m!.active, true);
  },
  'dashboard.get': async () => {
    const r = await run(dashboardOps.dashboardOp, {});
    assert.ok(r.ok);
    const mine = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, a.org.id), eq(memberships.active, true)));
    assert.equal(r.data.members, mine.length);
    assert.ok(r.data.recent && r.data.recent.length > 0, "A's own activity");
    assert.ok(![b.org.id, b.invitationId, 'calon@b.test'].some((s) => json(r.data).includes(s)));
  },
  'dashboard.finance': async () => {
    const r = await run(dashboardOps.dashboardFinanceOp, {});
    assert.ok(r.ok);
    assert.deepEqual([r.data.mrr, r.data.outstanding, r.data.collected.current], [0, 0, 0], "none of B's money");
    assert.deepEqual(r.data.topUnpaid, []);
    assert.ok(!json(r.data).includes(b.world.customer.id));
  },
  'dashboard.network': async () => {
    const r = await run(dashboardOps.dashboardNetworkOp, {});
    assert.ok(r.ok);
    assert.deepEqual(r.data.routers, [], "not B's router");
    assert.deepEqual([r.data.onlineNow, r.data.failedJobs.total], [0, 0]);
  },
  'dashboard.sales': async () => {
    const r = await run(dashboardOps.dashboardSalesOp, {});
    assert.ok(r.ok);
    assert.deepEqual(r.data.stages, { new: 0, converted: 0, rejected: 0 }, "not B's leads");
    assert.deepEqual(r.data.perSalesperson, []);
  },
  'dashboard.field': async () => {
    const r = await run(dashboardOps.dashboardFieldOp, {});
    assert.ok(r.ok);
    assert.equal(r.data.odps, 0, "not B's ODP");
  },
  'dashboard.people': async () => {
    const r = await run(dashboardOps.dashboardPeopleOp, {});
    assert.ok(r.ok);
    assert.equal(r.data.members, 1, "A's admin only");
  },
  'jobs.list': async () => {
    const r = await run(jobOps.listJobsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.items.some((j) => j.id === b.jobId));
  },
  'jobs.get': async () => expectNotFound(await run(jobOps.getJobOp, { jobId: b.jobId })),
  'jobs.retry': async () => {
    expectNotFound(await run(jobOps.retryJobOp, { jobId: b.jobId }));
    const [job] = await db.select().from(jobs).where(eq(jobs.id, b.jobId));
    assert.equal(job!.state, 'failed');
  },
  'jobs.workerCheck': async () => {
    const r = await run(jobOps.runWorkerCheckOp, {});
    assert.ok(r.ok);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, r.data.jobId));
    assert.equal(job!.organizationId, a.org.id);
  },
  'audit.list': async () => {
    const r = await run(auditOps.listAuditOp, {});
    assert.ok(r.ok);
    assert.ok(r.data.page.items.length > 0);
    assert.ok(!json(r.data).includes(b.invitationId) && !json(r.data).includes('calon@b.test'));
  },
  'organization.get': async () => {
    const r = await run(orgOps.getOrganizationSettingsOp, {});
    assert.ok(r.ok);
    assert.equal(r.data.id, a.org.id);
  },
  'organization.update': async () => {
    const r = await run(orgOps.updateOrganizationSettingsOp, {
      name: 'A Berganti Nama',
      timezone: 'Asia/Makassar',
      coverageRadiusM: 300,
    });
    assert.ok(r.ok);
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.equal(orgB!.name, b.org.name);
    assert.equal(orgB!.timezone, 'Asia/Jakarta');
  },
  'organization.setupChecklist': async () => {
    // B has a plan, a router and customers; none of them ticks A's steps.
    const r = await run(orgOps.setupChecklistOp, {});
    assert.ok(r.ok);
    const done = r.data.steps.filter((s) => s.done).map((s) => s.key);
    assert.ok(!done.includes('plan') && !done.includes('network') && !done.includes('customers'), String(done));
  },
  'organization.dismissSetup': async () => {
    assert.ok((await run(orgOps.dismissSetupOp, {})).ok);
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.equal(orgB!.setupDismissedAt, null);
    assert.ok((await run(orgOps.dismissSetupOp, { dismissed: false })).ok);
  },
  'organization.settingsOverview': async () => {
    const r = await run(orgOps.settingsOverviewOp, {});
    assert.ok(r.ok);
    const network = r.data.sections.find((s) => s.key === 'network');
    assert.deepEqual(network?.figures, { routers: 0, radius: 0 });
  },
  'organization.logo': async () => {
    await db
      .update(organizations)
      .set({ logoPath: `${b.org.id}/branding/org-logo-bbbbbbbb.png` })
      .where(eq(organizations.id, b.org.id));
    const r = await run(orgOps.organizationLogoOp, {});
    assert.ok(!r.ok || !r.data.path.includes(b.org.id));
  },
  'organization.uploadLogo': async () => {
    const png = new File([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])], 'logo.png', {
      type: 'image/png',
    });
    const r = await run(orgOps.uploadOrganizationLogoOp, { logo: png });
    assert.ok(r.ok);
    assert.ok(r.data.logoPath.startsWith(`${a.org.id}/`));
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.ok(!orgB!.logoPath || orgB!.logoPath.startsWith(`${b.org.id}/`));
  },
  'organization.removeLogo': async () => {
    await db
      .update(organizations)
      .set({ logoPath: `${b.org.id}/branding/org-logo-cccccccc.png` })
      .where(eq(organizations.id, b.org.id));
    assert.ok((await run(orgOps.removeOrganizationLogoOp, {})).ok);
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.equal(orgB!.logoPath, `${b.org.id}/branding/org-logo-cccccccc.png`);
  },
  'plans.list': async () => {
    const r = await run(planOps.listPlansOp, { includeInactive: true });
    assert.ok(r.ok);
    assert.ok(!r.data.some((p) => p.id === b.world.plan.id));
  },
  'plans.create': async () => {
    // The same plan name as B's is fine: names are unique per organization.
    const r = await run(planOps.createPlanOp, {
      name: b.world.plan.name,
      downloadMbps: '10',
      uploadMbps: '10',
      priceRupiah: '100000',
      serviceType: 'pppoe',
      billingType: 'postpaid',
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.data.organizationId, a.org.id);
  },
  'plans.update': async () => {
    expectNotFound(
      await run(planOps.updatePlanOp, {
        planId: b.world.plan.id,
        name: 'Dibajak',
        downloadMbps: '1',
        uploadMbps: '1',
        priceRupiah: '1',
        serviceType: 'pppoe',
        billingType: 'postpaid',
      }),
    );
    const [p] = await db.select().from(plans).where(eq(plans.id, b.world.plan.id));
    assert.equal(p!.name, b.world.plan.name);
  },
  'plans.setActive': async () => {
    expectNotFound(await run(planOps.setPlanActiveOp, { planId: b.world.plan.id, active: false }));
    const [p] = await db.select().from(plans).where(eq(plans.id, b.world.plan.id));
    assert.equal(p!.active, true);
  },
  'odps.list': async () => {
    const r = await run(infraOps.listOdpsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.some((o) => o.id === b.world.odp.id));
  },
  'odps.save': async () => {
    expectNotFound(
      await run(infraOps.saveOdpOp, {
        odpId: b.world.odp.id,
        code: 'X',
        name: 'X',
        latitude: '-6.9',
        longitude: '107.6',
        totalPorts: '1',
      }),
    );
    const [o] = await db.select().from(odps).where(eq(odps.id, b.world.odp.id));
    assert.equal(o!.totalPorts, 8);
    // B's ODC cannot feed A's new ODP.
    const { odc } = await bInfra();
    const r = await run(infraOps.saveOdpOp, {
      code: 'ODP-A-X',
      name: 'X',
      latitude: '-6.9',
      longitude: '107.6',
      totalPorts: '8',
      odcId: odc.id,
    });
    expectNotFound(r);
    assert.ok(!r.ok && r.fieldErrors?.odcId);
    assert.equal((await db.select().from(odps).where(eq(odps.organizationId, a.org.id))).length, 0);
  },
  'odps.delete': async () => {
    expectNotFound(await run(infraOps.deleteOdpOp, { odpId: b.world.odp.id }));
    assert.equal((await db.select().from(odps).where(eq(odps.id, b.world.odp.id))).length, 1);
  },
  'odps.freePorts': async () => expectNotFound(await run(infraOps.listFreePortsOp, { odpId: b.world.odp.id })),
  'sites.save': async () => {
    const { odc } = await bInfra();
    expectNotFound(
      await run(infraOps.saveSiteOp, {
        siteId: odc.id,
        kind: 'pole',
        code: 'X',
        name: 'X',
        latitude: '-6.9',
        longitude: '107.6',
      }),
    );
    const [s] = await db.select().from(infraSites).where(eq(infraSites.id, odc.id));
    assert.deepEqual([s!.kind, s!.code], ['odc', odc.code]);
  },
  'sites.delete': async () => {
    const { odc } = await bInfra();
    expectNotFound(await run(infraOps.deleteSiteOp, { siteId: odc.id }));
    assert.equal((await db.select().from(infraSites).where(eq(infraSites.id, odc.id))).length, 1);
  },
  'cables.save': async () => {
    const { cable } = await bInfra();
    expectNotFound(
      await run(infraOps.saveCableOp, {
        cableId: cable.id,
        code: 'X',
        name: 'X',
        cableType: 'drop',
        coreCount: '1',
        path: '-6.9, 107.6\n-6.91, 107.61',
      }),
    );
    const [c] = await db.select().from(cables).where(eq(cables.id, cable.id));
    assert.equal(c!.code, cable.code);
  },
  'cables.delete': async () => {
    const { cable } = await bInfra();
    expectNotFound(await run(infraOps.deleteCableOp, { cableId: cable.id }));
    assert.equal((await db.select().from(cables).where(eq(cables.id, cable.id))).length, 1);
  },
  'infra.move': async () => {
    const { odc } = await bInfra();
    expectNotFound(
      await run(infraOps.moveInfraOp, { kind: 'odp', id: b.world.odp.id, latitude: '-7.5', longitude: '110.4' }),
    );
    expectNotFound(await run(infraOps.moveInfraOp, { kind: 'site', id: odc.id, latitude: '-7.5', longitude: '110.4' }));
    const [o] = await db.select().from(odps).where(eq(odps.id, b.world.odp.id));
    const [s] = await db.select().from(infraSites).where(eq(infraSites.id, odc.id));
    assert.deepEqual([o!.latitude, s!.latitude], [POLE.latitude, odc.latitude]);
  },
  'infra.uploadPhoto': async () => {
    const png = new File([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])], 'odp.png', {
      type: 'image/png',
    });
    expectNotFound(await run(infraOps.uploadInfraPhotoOp, { kind: 'odp', id: b.world.odp.id, photo: png }));
    const [o] = await db.select().from(odps).where(eq(odps.id, b.world.odp.id));
    assert.equal(o!.photoPath, null);
  },
  'infra.removePhoto': async () => {
    const { cable } = await bInfra();
    expectNotFound(await run(infraOps.removeInfraPhotoOp, { kind: 'cable', id: cable.id }));
    const [c] = await db.select().from(cables).where(eq(cables.id, cable.id));
    assert.equal(c!.photoPath, cable.photoPath);
  },
  'infra.photo': async () => {
    const { odc, cable } = await bInfra();
    expectNotFound(await run(infraOps.infraPhotoOp, { kind: 'site', id: odc.id }));
    expectNotFound(await run(infraOps.infraPhotoOp, { kind: 'cable', id: cable.id }));
  },
  'odps.listPage': async () => {
    const { odc } = await bInfra();
    for (const input of [{}, { q: b.world.odp.code }, { odcId: odc.id }]) {
      const r = await run(infraOps.listOdpPageOp, input);
      assert.ok(r.ok);
      assert.deepEqual([r.data.total, r.data.items], [0, []], JSON.stringify(input));
    }
  },
  'odps.get': async () => expectNotFound(await run(infraOps.getOdpOp, { odpId: b.world.odp.id })),
  'sites.odcChoices': async () => {
    await bInfra();
    assert.deepEqual(await run(infraOps.odcChoicesOp, {}), { ok: true, data: [] });
  },
  'sites.list': async () => {
    await bInfra();
    for (const input of [{}, { q: 'ODC-B' }, { kind: 'odc' }]) {
      const r = await run(infraOps.listSitesOp, input);
      assert.ok(r.ok);
      assert.deepEqual([r.data.total, r.data.items], [0, []], JSON.stringify(input));
    }
  },
  'sites.get': async () => expectNotFound(await run(infraOps.getSiteOp, { siteId: (await bInfra()).odc.id })),
  'cables.list': async () => {
    await bInfra();
    for (const input of [{}, { q: 'KBL-B' }, { cableType: 'feeder' }]) {
      const r = await run(infraOps.listCablesOp, input);
      assert.ok(r.ok);
      assert.deepEqual([r.data.total, r.data.items], [0, []], JSON.stringify(input));
    }
  },
  'cables.get': async () => expectNotFound(await run(infraOps.getCableOp, { cableId: (await bInfra()).cable.id })),
  // The map, coverage and GeoJSON/KML operations (lib/infrastructure/map-operations.ts).
  'map.center': async () => {
    await bInfra();
    assert.deepEqual(
      await run(mapOps.mapCenterOp, {}),
      { ok: true, data: null },
      "A has no infrastructure: B's does not centre A's map",
    );
  },
  'map.features': async () => {
    await bInfra();
    const bbox = `${POLE.longitude - 0.05},${POLE.latitude - 0.05},${POLE.longitude + 0.05},${POLE.latitude + 0.05}`;
    const r = await run(mapOps.mapFeaturesOp, { bbox, zoom: '14' });
    assert.ok(r.ok);
    assert.deepEqual([r.data.odps, r.data.sites, r.data.cables], [[], [], []]);
    assert.deepEqual(r.data.customers, { mode: 'points', items: [] });
  },
  'map.search': async () => {
    await bInfra();
    for (const q of ['joko', b.world.odp.code, 'ODC-B', 'KBL-B']) {
      const r = await run(mapOps.mapSearchOp, { q });
      assert.deepEqual(r.ok && r.data.items, [], q);
    }
  },
  'map.coverage': async () => {
    const r = await run(mapOps.mapCoverageOp, { lat: String(POLE.latitude), lng: String(POLE.longitude) });
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data.verdict.ok, !r.data.verdict.ok && r.data.verdict.reason, r.data.nearest],
      [false, 'no_odp', []],
      "B's ODPs are not A's coverage",
    );
  },
  'network.export': async () => {
    await bInfra();
    for (const format of ['geojson', 'kml']) {
      const r = await run(mapOps.exportNetworkOp, { format });
      assert.ok(r.ok);
      assert.ok(![b.world.odp.code, 'ODC-B', 'KBL-B'].some((code) => r.data.body.includes(code)), format);
    }
  },
  'network.importPreview': async () => {
    const geo = JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [107.7, -6.95] },
      properties: { kind: 'odp', code: b.world.odp.code },
    });
    const r = await run(mapOps.previewNetworkImportOp, { file: new File([geo], 'b.geojson') });
    assert.ok(r.ok);
    assert.deepEqual(r.data.counts.odp, { new: 1, update: 0 }, "B's code is not A's: a new ODP, not an update");
  },
  'network.import': async () => {
    await bInfra();
    const geo = JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [107.7, -6.95] },
      properties: { kind: 'odp', code: b.world.odp.code, name: 'Dibajak', odcCode: 'ODC-B' },
    });
    assert.ok((await run(mapOps.importNetworkOp, { file: new File([geo], 'b.geojson') })).ok);
    const [o] = await db.select().from(odps).where(eq(odps.id, b.world.odp.id));
    assert.deepEqual([o!.name, o!.latitude], [b.world.odp.name, POLE.latitude]);
    const mine = await db.select().from(odps).where(eq(odps.organizationId, a.org.id));
    assert.deepEqual(
      mine.map((m) => [m.code, m.odcId]),
      [[b.world.odp.code, null]],
      "A got its own ODP, without B's ODC",
    );
    // Leave A without ODPs, as the other cases expect.
    await db.delete(odps).where(eq(odps.id, mine[0]!.id));
  },
  'routers.list': async () => {
    const r = await run(networkOps.listRoutersOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.routerId) && !json(r.data).includes('RB-B'));
  },
  'routers.choices': async () => {
    const r = await run(networkOps.routerChoicesOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.routerId) && !json(r.data).includes('RB-B'));
  },
  'routers.get': async () => expectNotFound(await run(networkOps.getRouterOp, { routerId: b.routerId })),
  'routers.save': async () => {
    const input = {
      name: 'RB-B2',
      host: '10.0.0.1',
      port: 8728,
      tls: false,
      username: 'x',
      password: 'y',
      mode: 'api',
      isolirProfile: 'isolir',
      isolirRateLimit: '1k/1k',
      isolirAddressList: 'isolir',
      syncIntervalMinutes: 60,
    };
    expectNotFound(await run(networkOps.saveRouterOp, { ...input, routerId: b.routerId }));
    const [row] = await db.select().from(routers).where(eq(routers.id, b.routerId));
    assert.equal(row!.name, 'RB-B');
  },
  'routers.delete': async () => {
    expectNotFound(await run(networkOps.deleteRouterOp, { routerId: b.routerId }));
    assert.equal((await db.select().from(routers).where(eq(routers.id, b.routerId))).length, 1);
  },
  'routers.check': async () => expectNotFound(await run(networkOps.checkRouterOp, { routerId: b.routerId })),
  'routers.sync': async () =>
    expectNotFound(await run(networkOps.syncRouterOp, { routerId: b.routerId, removeExtra: true })),
  'routers.pushProfiles': async () => expectNotFound(await run(networkOps.pushProfilesOp, { routerId: b.routerId })),
  'routers.importStart': async () =>
    expectNotFound(await run(networkOps.startRouterImportOp, { routerId: b.routerId })),
  'routers.importPreview': async () =>
    expectNotFound(await run(networkOps.routerImportPreviewOp, { importId: b.importId })),
  'routers.importConfirm': async () => {
    expectNotFound(
      await run(networkOps.confirmRouterImportOp, { importId: b.importId, billingType: 'postpaid', mapping: {} }),
    );
    const [imp] = await db.select().from(routerImports).where(eq(routerImports.id, b.importId));
    assert.equal(imp!.importedAt, null);
  },
  'sessions.list': async () => {
    const r = await run(networkOps.listSessionsOp, { routerId: b.routerId });
    assert.ok(r.ok);
    assert.equal(r.data.total, 0);
  },
  'sessions.routers': async () => {
    const r = await run(networkOps.sessionRoutersOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.routerId) && !json(r.data).includes('RB-B'));
  },
  'sessions.radiusOnline': async () => {
    for (const q of [undefined, b.world.subscription.serviceUsername]) {
      const r = await run(networkOps.radiusOnlineOp, { q });
      assert.ok(r.ok);
      assert.equal(r.data.total, 0);
    }
  },
  'sessions.kick': async () => {
    expectNotFound(await run(networkOps.kickSessionOp, { sessionId: b.sessionId }));
    assert.equal((await db.select().from(routerSessions).where(eq(routerSessions.id, b.sessionId))).length, 1);
  },
  'subscriptions.updateService': async () => {
    expectNotFound(
      await run(customerOps.updateSubscriptionServiceOp, {
        subscriptionId: b.world.subscription.id,
        planId: b.world.plan.id,
        routerId: '',
        remoteAddress: '',
        localAddress: '',
        callerId: '',
      }),
    );
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, b.world.subscription.id));
    assert.equal(sub!.routerId, b.routerId);
    // Nor can A point its own subscription at B's router.
    const plan = await makePlan(db, a.org.id);
    const own = await db
      .insert(customers)
      .values({ organizationId: a.org.id, number: 999_999, name: 'A', phone: '62811', address: 'x', planId: plan.id })
      .returning();
    const [sa] = await db
      .insert(subscriptions)
      .values({
        organizationId: a.org.id,
        customerId: own[0]!.id,
        planId: plan.id,
        billingType: 'postpaid',
        serviceUsername: `a-${Date.now()}`,
        servicePasswordEnc: 'x',
      })
      .returning();
    expectNotFound(
      await run(customerOps.updateSubscriptionServiceOp, {
        subscriptionId: sa!.id,
        planId: plan.id,
        routerId: b.routerId,
        remoteAddress: '',
        localAddress: '',
        callerId: '',
      }),
    );
  },
  'customers.list': async () => {
    const r = await run(customerOps.listCustomersOp, { q: b.world.subscription.serviceUsername });
    assert.ok(r.ok);
    assert.equal(r.data.items.length, 0);
    const all = await run(customerOps.listCustomersOp, {});
    assert.ok(all.ok && !all.data.items.some((c) => c.id === b.world.customer.id));
  },
  'customers.filterOptions': async () => {
    const r = await run(customerOps.customerFilterOptionsOp, {});
    assert.ok(r.ok);
    assert.ok(![b.world.plan.id, b.world.spare.id, b.admin.user.id].some((id) => json(r.data).includes(id)));
  },
  'subscriptions.serviceChoices': async () =>
    expectNotFound(await run(customerOps.serviceChoicesOp, { customerId: b.world.customer.id })),
  'subscriptions.radius': async () =>
    expectNotFound(await run(customerOps.subscriptionRadiusOp, { subscriptionId: b.world.subscription.id })),
  'customers.get': async () =>
    expectNotFound(await run(customerOps.getCustomerOp, { customerId: b.world.customer.id })),
  'customers.update': async () => {
    expectNotFound(
      await run(customerOps.updateCustomerOp, {
        customerId: b.world.customer.id,
        name: 'Dibajak',
        phone: '0812 0000 0000',
        address: 'Jl. Dibajak No. 1',
      }),
    );
    const [c] = await db.select().from(customers).where(eq(customers.id, b.world.customer.id));
    assert.equal(c!.name, 'Joko Widodo');
  },
  'customers.importPreview': async () => {
    const csv = `name,phone,address,plan,service_username,service_password\nXavier,0812 1111 0000,Jl. X No. 1,${b.world.plan.name}-only-b,${b.world.subscription.serviceUsername},rahasia1`;
    const r = await run(customerOps.previewImportOp, { csv });
    assert.ok(r.ok);
    // B's usernames do not count as taken in A; B's plans are not A's plans.
    assert.deepEqual(
      r.data.errors.map((e) => e.column),
      ['plan'],
    );
  },
  'customers.import': async () => {
    const plan = await makePlan(db, a.org.id);
    const csv = `name,phone,address,plan,service_username,service_password\nImpor A,0812 1111 0000,Jl. A No. 1,${plan.name},${b.world.subscription.serviceUsername},rahasia1`;
    const r = await run(customerOps.importCustomersOp, { csv });
    assert.ok(r.ok);
    assert.equal(r.data.imported, 1);
    const [c] = await db.select().from(customers).where(eq(customers.name, 'Impor A'));
    assert.equal(c!.organizationId, a.org.id);
    assert.equal(c!.number, 1, "A's first customer is C-000001 although B has customers: numbers are per organization");
  },
  'leads.list': async () => {
    const r = await run(customerOps.listLeadsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.items.some((l) => l.id === b.world.lead1.id));
  },
  'leads.get': async () => expectNotFound(await run(customerOps.getLeadOp, { leadId: b.world.lead1.id })),
  'leads.conversionOdp': async () =>
    expectNotFound(await run(customerOps.leadConversionOdpOp, { leadId: b.world.lead1.id })),
  'leads.formOptions': async () => {
    const r = await run(customerOps.leadFormOptionsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.plans.some((p) => p.id === b.world.plan.id || p.id === b.world.spare.id));
  },
  'leads.checkCoverage': async () => {
    const r = await run(customerOps.checkCoverageOp, POLE);
    assert.ok(r.ok);
    assert.equal(r.data.ok, false, "B's ODP does not cover A's prospects");
  },
  'leads.create': async () => {
    const r = await run(customerOps.createLeadOp, {
      name: 'Calon A',
      phone: '0812 1234 0000',
      address: 'Jl. A No. 2',
      ...POLE,
      planId: b.world.plan.id,
      billingType: 'postpaid',
    });
    assert.equal(!r.ok && r.code, 'plan_unavailable');
  },
  'leads.convert': async () => {
    expectNotFound(
      await run(customerOps.convertLeadOp, {
        leadId: b.world.lead1.id,
        serviceUsername: 'bajak01',
        servicePassword: 'rahasia1',
      }),
    );
    const [l] = await db.select().from(leads).where(eq(leads.id, b.world.lead1.id));
    assert.equal(l!.status, 'new');
  },
  'leads.reject': async () => {
    expectNotFound(await run(customerOps.rejectLeadOp, { leadId: b.world.lead2.id, reason: 'bajak' }));
    const [l] = await db.select().from(leads).where(eq(leads.id, b.world.lead2.id));
    assert.equal(l!.status, 'new');
  },
  'subscriptions.transition': async () => {
    expectNotFound(
      await run(customerOps.transitionSubscriptionOp, { subscriptionId: b.world.subscription.id, to: 'isolated' }),
    );
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, b.world.subscription.id));
    assert.equal(sub!.status, 'active');
  },
  'billing.listInvoices': async () => {
    const r = await run(billingOps.listInvoicesOp, { q: b.world.invoice.number });
    assert.ok(r.ok);
    assert.equal(r.data.items.length, 0);
  },
  'billing.getInvoice': async () =>
    expectNotFound(await run(billingOps.getInvoiceOp, { invoiceId: b.world.invoice.id })),
  'billing.customer': async () =>
    expectNotFound(await run(billingOps.customerBillingOp, { customerId: b.world.customer.id })),
  'billing.preview': async () => {
    const r = await run(billingOps.previewBillingOp, { period: '2026-12-01' });
    assert.ok(r.ok);
    const mine = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, a.org.id));
    // Active or isolated (the isolation pass may have run on A first), and not imported as
    // paid up to a later month (the import check may have run on A first).
    const billable = mine.filter(
      (s) =>
        (s.status === 'active' || s.status === 'isolated') && !(s.billingStartsOn && s.billingStartsOn > '2026-12-01'),
    );
    assert.equal(r.data.eligible, billable.length, "only A's own subscriptions are counted");
  },
  'billing.run': async () => {
    const r = await run(billingOps.startBillingOp, { period: '2026-12-01' });
    assert.ok(r.ok);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, r.data.jobId));
    assert.equal(job!.organizationId, a.org.id);
  },
  'billing.isolationPreview': async () => {
    // B's overdue prepaid customer is never in A's preview.
    const r = await run(billingOps.previewIsolationOp, {});
    assert.ok(r.ok);
    assert.ok(r.data.sample.every((x) => x.serviceUsername !== b.world.subscription.serviceUsername));
  },
  'billing.isolate': async () => {
    const r = await run(billingOps.runIsolationOp, {});
    assert.ok(r.ok);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, b.world.subscription.id));
    assert.equal(sub!.status, 'active', "B's subscription untouched");
  },
  'billing.getSettings': async () => {
    const r = await run(billingOps.getBillingSettingsOp, {});
    assert.ok(r.ok);
    assert.equal(r.data.organizationId, a.org.id);
  },
  'billing.saveSettings': async () => {
    const r = await run(billingOps.saveBillingSettingsOp, {
      invoiceDay: '5',
      dueDay: '25',
      graceDays: '0',
      isolationTime: '06:00',
      taxPercent: '0',
      invoicePrefix: 'A',
    });
    assert.ok(r.ok);
    const [row] = await db.select().from(billingSettings).where(eq(billingSettings.organizationId, b.org.id));
    assert.equal(row, undefined, "B's settings untouched");
  },
  'billing.addCharge': async () => {
    expectNotFound(
      await run(billingOps.addChargeOp, {
        subscriptionId: b.world.subscription.id,
        description: 'Dibajak',
        amount: '1000',
      }),
    );
  },
  'payments.record': async () => {
    expectNotFound(
      await run(billingOps.recordPaymentOp, { customerId: b.world.customer.id, amount: '166500', method: 'cash' }),
    );
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, b.world.invoice.id));
    assert.equal(inv!.paidAmount, 10_000);
  },
  'payments.list': async () => {
    const r = await run(billingOps.listPaymentsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.items.some((p) => p.id === b.world.paymentId));
  },
  'payments.total': async () => {
    const before = await run(billingOps.paymentsTotalOp, {});
    assert.ok(before.ok);
    // B's payments add nothing to A's total.
    const [mine] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payments)
      .where(eq(payments.organizationId, a.org.id));
    assert.equal(before.data.count, mine!.n);
  },
  'payments.get': async () => expectNotFound(await run(billingOps.getPaymentOp, { paymentId: b.world.paymentId })),
  'payments.approve': async () => {
    expectNotFound(await run(billingOps.approvePaymentOp, { paymentId: b.world.transfers[0] }));
    const [p] = await db.select().from(payments).where(eq(payments.id, b.world.transfers[0]));
    assert.equal(p!.status, 'pending');
  },
  'payments.reject': async () => {
    expectNotFound(await run(billingOps.rejectPaymentOp, { paymentId: b.world.transfers[1], reason: 'dibajak' }));
    const [p] = await db.select().from(payments).where(eq(payments.id, b.world.transfers[1]));
    assert.equal(p!.status, 'pending');
  },
  'payments.proof': async () =>
    expectNotFound(await run(billingOps.paymentProofOp, { paymentId: b.world.transfers[0] })),
  'payments.listGateways': async () => {
    const r = await run(paymentOps.listGatewaySettingsOp, {});
    assert.ok(r.ok);
    assert.ok(
      r.data.every((g) => g.account === null),
      "A has no gateway account; B's is not listed",
    );
    assert.ok(!json(r.data).includes('T-B-ONLY'));
  },
  'payments.saveGateway': async () => {
    const r = await run(paymentOps.saveGatewaySettingsOp, {
      gateway: 'duitku',
      mode: 'sandbox',
      cred_merchantCode: 'D-A',
      cred_apiKey: 'a-key',
    });
    assert.ok(r.ok, JSON.stringify(r));
    const rows = await db.select().from(paymentGateways).where(eq(paymentGateways.organizationId, b.org.id));
    assert.deepEqual(
      rows.map((g) => [g.id, g.gateway, g.credentialHints.merchantCode]),
      [[b.gatewayId, 'tripay', 'T-B-ONLY']],
    );
  },
  'payments.testGateway': async () => {
    // B's Tripay keys are never used for A: A has no Tripay account.
    const r = await run(paymentOps.testGatewayOp, { gateway: 'tripay' });
    assert.equal(!r.ok && r.code, 'gateway_not_configured');
    const [row] = await db.select().from(paymentGateways).where(eq(paymentGateways.id, b.gatewayId));
    assert.equal(row!.lastTestAt, null);
  },
  'payments.listTransactions': async () => {
    const all = await run(paymentOps.listTransactionsOp, {});
    assert.ok(all.ok);
    assert.ok(!json(all.data).includes(b.paidTx.orderId) && !json(all.data).includes(b.reviewTx.orderId));
    const found = await run(paymentOps.listTransactionsOp, { q: b.paidTx.orderId });
    assert.ok(found.ok && found.data.items.length === 0);
  },
  'payments.getTransaction': async () =>
    expectNotFound(await run(paymentOps.getTransactionOp, { transactionId: b.paidTx.id })),
  'payments.recheck': async () => {
    expectNotFound(await run(paymentOps.recheckTransactionOp, { transactionId: b.reviewTx.id }));
    const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, b.reviewTx.id));
    assert.equal(row!.status, 'review');
  },
  'payments.refund': async () => {
    expectNotFound(await run(paymentOps.refundTransactionOp, { transactionId: b.paidTx.id, reason: 'dibajak' }));
    const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, b.paidTx.id));
    assert.equal(row!.status, 'paid');
  },
  'payments.resolveReview': async () => {
    expectNotFound(
      await run(paymentOps.resolveReviewOp, { transactionId: b.reviewTx.id, decision: 'accept', note: 'dibajak A' }),
    );
    const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, b.reviewTx.id));
    assert.equal(row!.status, 'review');
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, b.world.invoice.id));
    assert.equal(inv!.paidAmount, 10_000);
  },
  'messaging.listSessions': async () => {
    const r = await run(messagingOps.listSessionsOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.wa.session.id) && !json(r.data).includes('Gateway B'));
  },
  'messaging.saveSession': async () => {
    const input = {
      sessionId: b.wa.session.id,
      name: 'Dibajak',
      transport: 'http_gateway',
      priority: '1',
      perMinute: '60',
      dailyCap: '100000',
      enabled: 'on',
      cfg_url: 'https://evil.test/send',
      cfg_token: '',
    };
    expectNotFound(await run(messagingOps.saveSessionOp, input));
    const [row] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, b.wa.session.id));
    assert.equal(row!.name, 'Gateway B');
    assert.equal(row!.configEnc, b.wa.session.configEnc);
  },
  'messaging.logoutSession': async () => {
    expectNotFound(await run(messagingOps.logoutSessionOp, { sessionId: b.wa.spare.id }));
    const [row] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, b.wa.spare.id));
    assert.equal(row!.logoutRequestedAt, null);
  },
  'messaging.relinkSession': async () => {
    expectNotFound(await run(messagingOps.relinkSessionOp, { sessionId: b.wa.loggedOut.id }));
    const [row] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, b.wa.loggedOut.id));
    assert.equal(row!.status, 'logged_out');
  },
  'messaging.deleteSession': async () => {
    expectNotFound(await run(messagingOps.deleteSessionOp, { sessionId: b.wa.spare.id }));
    assert.equal((await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, b.wa.spare.id))).length, 1);
  },
  'messaging.listTemplates': async () => {
    const r = await run(messagingOps.listTemplatesOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.wa.templateBody));
    assert.ok(r.data.every((c) => !c.bodies.id.custom && !c.bodies.en.custom));
  },
  'messaging.saveTemplate': async () => {
    assert.ok(
      (
        await run(messagingOps.saveTemplateOp, {
          category: 'invoice',
          locale: 'id',
          body: 'Tagihan A: {{invoice.total}}',
        })
      ).ok,
    );
    const rows = await db.select().from(messageTemplates).where(eq(messageTemplates.organizationId, b.org.id));
    assert.deepEqual(
      rows.map((t) => t.body),
      [b.wa.templateBody],
    );
  },
  'messaging.resetTemplate': async () => {
    assert.ok((await run(messagingOps.resetTemplateOp, { category: 'invoice', locale: 'id' })).ok);
    assert.equal(
      (await db.select().from(messageTemplates).where(eq(messageTemplates.organizationId, b.org.id))).length,
      1,
    );
  },
  'messaging.previewTemplate': async () => {
    // Sample data only: nothing of any organization.
    const r = await run(messagingOps.previewTemplateOp, { category: 'broadcast', body: 'Halo {{customer.name}}' });
    assert.ok(r.ok);
    assert.ok(!r.data.text.includes(b.world.customer.name));
  },
  'messaging.getSettings': async () => {
    const r = await run(messagingOps.getMessagingSettingsOp, {});
    assert.deepEqual(r.ok && r.data, { locale: 'id', disabled: [] }, "A's defaults, not B's settings");
  },
  'messaging.saveSettings': async () => {
    assert.ok((await run(messagingOps.saveMessagingSettingsOp, { locale: 'id', auto_invoice: 'on' })).ok);
    const [row] = await db.select().from(messagingSettings).where(eq(messagingSettings.organizationId, b.org.id));
    assert.deepEqual([row!.locale, row!.disabled], ['en', ['reminder_h1']]);
  },
  'messaging.listMessages': async () => {
    for (const filter of [
      {},
      { customerId: b.world.customer.id },
      { broadcastId: b.wa.broadcast.id },
      { q: b.world.customer.phone },
    ]) {
      const r = await run(messagingOps.listMessagesOp, filter);
      assert.ok(r.ok);
      assert.ok(!json(r.data).includes('Siaran B') && !json(r.data).includes('Pesan gagal B'), JSON.stringify(filter));
    }
  },
  'messaging.resend': async () => {
    expectNotFound(await run(messagingOps.resendMessageOp, { messageId: b.wa.failed.id }));
    const [row] = await db.select().from(messages).where(eq(messages.id, b.wa.failed.id));
    assert.equal(row!.status, 'failed');
  },
  'messaging.broadcastChoices': async () => {
    const r = await run(messagingOps.broadcastChoicesOp, {});
    assert.ok(r.ok);
    assert.ok(![b.world.plan.id, b.world.odp.id, b.wa.templateBody].some((s) => json(r.data).includes(s)));
  },
  'messaging.countRecipients': async () => {
    const r = await run(messagingOps.countRecipientsOp, { planId: b.world.plan.id });
    assert.deepEqual(r.ok && r.data, { total: 0, optedOut: 0, willSend: 0 });
  },
  'messaging.startBroadcast': async () => {
    // A's broadcast filtered on B's plan and ODP reaches nobody: B's customers get nothing.
    const r = await run(messagingOps.startBroadcastOp, {
      title: 'Gangguan A',
      body: 'Halo {{customer.name}}',
      planId: b.world.plan.id,
      odpId: b.world.odp.id,
    });
    assert.ok(r.ok);
    assert.equal(r.data.total, 0);
    // (B's own automatic messages may appear meanwhile: other test files run workers.)
    const rows = await db.select().from(messages).where(eq(messages.customerId, b.world.customer.id));
    assert.ok(rows.every((m) => m.organizationId === b.org.id && m.broadcastId !== r.data.id));
  },
  'messaging.setBroadcastStatus': async () => {
    expectNotFound(await run(messagingOps.setBroadcastStatusOp, { broadcastId: b.wa.broadcast.id, action: 'cancel' }));
    const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, b.wa.broadcast.id));
    assert.equal(row!.status, 'sending');
    const [m] = await db.select().from(messages).where(eq(messages.id, b.wa.queued.id));
    assert.equal(m!.status, 'queued');
  },
  'messaging.broadcastProgress': async () =>
    expectNotFound(await run(messagingOps.broadcastProgressOp, { broadcastId: b.wa.broadcast.id })),
  'messaging.listBroadcasts': async () => {
    const r = await run(messagingOps.listBroadcastsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.items.some((x) => x.id === b.wa.broadcast.id));
  },
  'messaging.setOptOut': async () => {
    expectNotFound(await run(messagingOps.setOptOutOp, { customerId: b.world.customer.id, optOut: true }));
    const [c] = await db.select().from(customers).where(eq(customers.id, b.world.customer.id));
    assert.equal(c!.whatsappOptOut, false);
  },
  'messaging.invoiceShare': async () =>
    expectNotFound(await run(messagingOps.invoiceShareOp, { invoiceId: b.world.invoice.id })),
  'messaging.sendInvoice': async () => {
    expectNotFound(await run(messagingOps.sendInvoiceOp, { invoiceId: b.world.invoice.id }));
    const rows = await db.select().from(messages).where(eq(messages.customerId, b.world.customer.id));
    assert.ok(!rows.some((m) => m.eventKey?.startsWith(`invoice_sent:${b.world.invoice.id}`)));
  },
  'reports.get': async () => {
    for (const kind of ['revenue', 'aging', 'payments'] as const) {
      const r = await run(billingOps.reportOp, { kind });
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes(b.world.plan.name), `${kind} shows nothing of B`);
    }
  },
  'search.quick': async () => {
    for (const q of ['joko', b.world.subscription.serviceUsername, b.world.invoice.number, b.world.odp.code]) {
      const r = await run(searchOps.quickSearchOp, { q });
      assert.ok(r.ok);
      assert.ok(!r.data.items.some((h) => [b.world.customer.id, b.world.invoice.id, b.world.odp.id].includes(h.id)), q);
    }
  },
  'bulk.remindInvoices': async () => {
    const r = await run(bulkOps.remindInvoicesOp, { ids: [b.world.invoice.id] });
    assert.ok(r.ok && r.data.queued === 0 && r.data.noOpenInvoice === 1);
    const sent = await db.select().from(messages).where(eq(messages.organizationId, b.org.id));
    assert.ok(!sent.some((m) => m.eventKey?.startsWith('reminder:')));
  },
  'bulk.remindCustomers': async () => {
    const r = await run(bulkOps.remindCustomersOp, { ids: [b.world.customer.id] });
    assert.ok(r.ok && r.data.queued === 0 && r.data.noOpenInvoice === 1);
  },
  'bulk.customersStatus': async () => {
    const r = await run(bulkOps.customersStatusOp, { ids: [b.world.customer.id], action: 'isolate' });
    assert.ok(r.ok && r.data.changed === 0);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, b.world.subscription.id));
    assert.equal(sub!.status, 'active');
  },
  'bulk.invoicesStatus': async () => {
    const r = await run(bulkOps.invoicesStatusOp, { ids: [b.world.invoice.id], action: 'isolate' });
    assert.ok(r.ok && r.data.changed === 0);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, b.world.subscription.id));
    assert.equal(sub!.status, 'active');
  },
  'exports.customers': async () => {
    // B's customer, even named by id, is not in A's export.
    const r = await run(exportOps.exportCustomersOp, { ids: [b.world.customer.id] });
    assert.ok(r.ok);
    assert.equal(r.data.sheet.rows.length, 0);
  },
  'exports.invoices': async () => {
    const r = await run(exportOps.exportInvoicesOp, { ids: [b.world.invoice.id] });
    assert.ok(r.ok);
    assert.equal(r.data.sheet.rows.length, 0);
  },
  'exports.payments': async () => {
    const r = await run(exportOps.exportPaymentsOp, { q: b.paidTx.orderId });
    assert.ok(r.ok);
    assert.equal(r.data.sheet.rows.length, 0);
  },
  'exports.report': async () => {
    const r = await run(exportOps.exportReportOp, { kind: 'revenue' });
    assert.ok(r.ok);
    assert.ok(!JSON.stringify(r.data).includes(b.world.plan.name));
  },
  // Platform operations cross organizations by design, so only a super admin may run them.
  'platform.listOrganizations': async () => assertForbidden(await run(orgOps.listAllOrganizationsOp, {})),
  'platform.taskProblems': async () => assertForbidden(await run(orgOps.platformTaskProblemsOp, {})),
  'platform.createOrganization': async () =>
    assertForbidden(
      await run(orgOps.createOrganizationOp, {
        organizationName: 'X Net',
        slug: 'x-net-a',
        adminName: 'X',
        email: 'x@x.test',
        password: 'rahasia-123',
      }),
    ),
  'platform.setOrganizationStatus': async () => {
    assertForbidden(await run(orgOps.setOrganizationStatusOp, { organizationId: b.org.id, status: 'suspended' }));
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.equal(orgB!.status, 'active');
  },
  ...resellerIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...voucherIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id, routerId: b.routerId },
  })),
  ...accountIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...fieldOfficeIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...walletIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id, routerId: b.routerId },
  })),
  ...ticketIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id, customerId: b.world.customer.id },
  })),
  ...inboxIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id, customer: b.world.customer },
  })),
  ...requestIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id },
    b: { orgId: b.org.id, customerId: b.world.customer.id },
  })),
  ...workOrderIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...outageIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...fieldIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...movesIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...countsIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...reportsIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...catalogueIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...fibreRecordIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id, subscriptionId: b.world.subscription.id },
  })),
  ...oltCliIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...pluginIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...acsIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...signalIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...activationIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...webhookIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...apiKeyIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...routerConfigIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...orgTransferIsolationCases(() => ({
    db,
    run,
    a: { orgId: a.org.id, userId: a.admin.user.id },
    b: { orgId: b.org.id, userId: b.admin.user.id },
  })),
  ...backupIsolationCases(() => ({ db, run })),
  'portal.settings': async () => {
    await db
      .insert(portalSettings)
      .values({ organizationId: b.org.id, customDomain: 'portal.b-only.example', contactText: 'B only' })
      .onConflictDoNothing();
    const r = await run(portalSettingsOps.portalSettingsOp, {});
    assert.ok(r.ok);
    assert.ok(
      !json(r.data).includes('b-only') && !json(r.data).includes('B only') && !json(r.data).includes(b.org.slug),
    );
  },
  'portal.saveSettings': async () => {
    const before = await db.select().from(portalSettings).where(eq(portalSettings.organizationId, b.org.id));
    const r = await run(portalSettingsOps.savePortalSettingsOp, {
      portalEnabled: false,
      brandColor: '#112233',
      customDomain: null,
      assistantEnabled: false,
      contactText: 'A',
    });
    assert.ok(r.ok);
    const after = await db.select().from(portalSettings).where(eq(portalSettings.organizationId, b.org.id));
    assert.deepEqual(after, before);
  },
};

function assertForbidden(r: Result<unknown>) {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'forbidden');
}

describe('organization A cannot read or change organization B', () => {
  for (const [name, check] of Object.entries(CASES)) test(name, check);

  test('the organization switcher only offers organizations the user belongs to', async () => {
    const orgs = await listUserOrganizations(db, a.admin.user.id);
    assert.deepEqual(
      orgs.map((o) => o.id),
      [a.org.id],
    );
  });
});

// ---- Every entry point is covered -------------------------------------------------------

const OP_VARIABLES = new Map<string, string>(
  [
    accountOps,
    requestOps,
    auditOps,
    billingOps,
    bulkOps,
    exportOps,
    searchOps,
    customerOps,
    dashboardOps,
    jobOps,
    messagingOps,
    networkOps,
    infraOps,
    inventoryFieldOps,
    countOps,
    mapOps,
    inventoryMoveOps,
    inventoryCatalogueOps,
    inventoryPurchaseOps,
    orgOps,
    outageOps,
    inventoryReportOps,
    paymentOps,
    planOps,
    resellerOps,
    ticketOps,
    userOps,
    voucherOps,
    walletOps,
    workOrderOps,
    workOrderSpkOps,
    fibreRecordOps,
    oltCliOps,
    acsOps,
    signalOps,
    activationOps,
    inboxOps,
    portalSettingsOps,
    webhookOps,
    apiKeyOps,
    pluginOps,
    routerConfigOps,
    backupOps,
    orgTransferOps,
  ].flatMap((mod) => Object.entries(mod).map(([variable, op]) => [variable, op.name] as [string, string])),
);
const PORTAL_OP_VARIABLES = new Map(
  [portalBillingOps, portalSupportOps, portalModemOps].flatMap((mod) =>
    Object.entries(mod).map(([variable, op]) => [variable, op.name] as [string, string]),
  ),
);
/** A staff operation with a case above, or a portal operation (its own walker has the case). */
const walked = (operation: string | null) => Boolean(operation && (CASES[operation] || PORTAL_OPERATIONS[operation]));

function filesNamed(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) filesNamed(full, name, out);
    else if (entry === name) out.push(full);
  }
  return out;
}

/** Every TypeScript file under a folder. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

const mentions = (file: string, pattern: RegExp) => pattern.test(readFileSync(file, 'utf8'));

/** Maps each exported function of a file to the operation it runs through act or runAction. */
function entryPoints(file: string): { name: string; operation: string | null }[] {
  const source = readFileSync(file, 'utf8');
  return source
    .split(/export async function /)
    .slice(1)
    .map((chunk) => {
      const name = chunk.match(/^(\w+)/)![1]!;
      const variable =
        chunk.match(/\b(?:act|runAction)\((\w+)/)?.[1] ??
        chunk.match(/\b(?:portalAct\(\w+,\s*|executePortalOperation\()(\w+)/)?.[1];
      const operation = variable && (OP_VARIABLES.get(variable) ?? PORTAL_OP_VARIABLES.get(variable));
      return { name, operation: variable ? (operation ?? `unknown:${variable}`) : null };
    });
}

// Public entry points with no member yet; each checks what it needs itself (tested elsewhere).
// Password resets are proven by the reset link's token or the WhatsApp code
// (tests/integration/account-security.test.ts).
// The invoice payment is started with the signed invoice link's token
// (tests/integration/public-invoice.test.ts).
const PUBLIC_ACTIONS = [
  'signupAction',
  'acceptInvitationAction',
  'acceptInvitationAsUserAction',
  'setupOwnerAction',
  'switchOrganizationAction',
  'setLocaleAction',
  'resetWithTokenAction',
  'requestResetCodeAction',
  'resetWithCodeAction',
  'startInvoicePaymentAction',
  // The complaint form on the invoice page (same token) and the ticket rating link's form
  // (its random token): tests/integration/tickets.test.ts.
  'submitComplaintAction',
  'submitRatingAction',
  // The customer portal's sign-in (a WhatsApp code or the customer number + password; their
  // limits and the same answer for any number: tests/integration/portal-auth.test.ts) and
  // sign-out (the visitor's own cookie only).
  'requestPortalCodeAction',
  'verifyPortalCodeAction',
  'portalPasswordSignInAction',
  'portalSignOutAction',
  // The customer portal's requests: the visitor comes from the portal session cookie and
  // runs portal operations, walked by tests/integration/requests-isolation.test.ts.
  'portalQuoteAction',
  'portalCreateRequestAction',
  'portalCancelRequestAction',
];
// Found by an unguessable token only (tests/integration/public-invoice.test.ts), or a payment
// gateway's callback, verified by the signature of the organization that owns the order
// (tests/integration/payments.test.ts), or Meta's Cloud API webhook, verified by the
// session's own app secret (tests/integration/messaging.test.ts).
const PUBLIC_ROUTES = [
  'app/i/[token]/pdf/route.ts',
  'app/i/[token]/status/route.ts',
  'app/api/payments/[id]/callback/route.ts',
  'app/api/whatsapp/cloud/[id]/webhook/route.ts',
  // The customer portal's manifest and logo: what its public sign-in page shows anyway.
  'app/portal/[slug]/manifest.webmanifest/route.ts',
  'app/portal/[slug]/logo/route.ts',
  // The REST API: a bearer key, not a session; every route of lib/api/resources.ts runs a listed
  // operation as the key's maker within the key's scopes, walked across organizations by
  // tests/integration/api-isolation.test.ts. Its OpenAPI document describes only the routes.
  'app/api/v1/[...path]/route.ts',
  'app/api/v1/openapi.json/route.ts',
];

/** Every `export const x = definePortalOperation({ name: '…'` under lib/: variable → operation name. */
function portalOpVariables(): Map<string, string> {
  const found = sourceFiles('lib').flatMap((f) => [
    ...readFileSync(f, 'utf8').matchAll(/export const (\w+) = definePortalOperation\(\{\s*name: '([^']+)'/g),
  ]);
  return new Map(found.map((m) => [m[1]!, m[2]!]));
}

/** Server actions that run a portal operation for the signed-in visitor (`portalAct(slug, op, …)`). */
function portalEntryPoints(file: string): { name: string; operation: string | null }[] {
  return readFileSync(file, 'utf8')
    .split(/export async function /)
    .slice(1)
    .map((chunk) => {
      const variable = chunk.match(/\bportalAct\(\s*\w+,\s*(\w+)/)?.[1];
      return {
        name: chunk.match(/^(\w+)/)![1]!,
        operation: variable ? (portalOpVariables().get(variable) ?? `unknown:${variable}`) : null,
      };
    })
    .filter((e) => e.operation !== null);
}

describe('the list above covers every entry point', () => {
  test('every operation has a cross-tenant case', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(OPERATIONS).sort());
  });

  test('server actions live in app/_actions, one file per domain; lib neither declares nor revalidates', () => {
    const declaring = ['app', 'components', 'lib']
      .flatMap((dir) => sourceFiles(dir))
      .filter((f) => mentions(f, /['"]use server['"]/));
    assert.deepEqual(
      declaring.filter((f) => !f.startsWith('app/_actions/')),
      [],
    );
    assert.ok(
      declaring.every((f) => readFileSync(f, 'utf8').startsWith("'use server';")),
      'the directive opens the file',
    );
    assert.deepEqual(
      sourceFiles('lib').filter((f) => mentions(f, /revalidatePath|revalidateTag|next\/cache/)),
      [],
    );
  });

  test('every server action runs a listed operation (or is a known public action)', () => {
    const files = sourceFiles('app/_actions').filter((f) => mentions(f, /^'use server';/));
    const actions = files.flatMap(entryPoints);
    assert.ok(files.length >= 10 && actions.length >= 80);
    const portalActions = new Set(files.flatMap(portalEntryPoints).map((e) => e.name));
    for (const action of actions) {
      if (PUBLIC_ACTIONS.includes(action.name) || portalActions.has(action.name)) continue;
      assert.ok(walked(action.operation), `${action.name} -> ${action.operation}`);
    }
  });

  test('every route handler runs a listed operation (next-auth and token-only public links excepted)', () => {
    const handlers = filesNamed('app', 'route.ts').filter(
      (f) => !f.includes('[...nextauth]') && !PUBLIC_ROUTES.includes(f),
    );
    assert.ok(handlers.length >= 2);
    for (const file of handlers) {
      for (const handler of entryPoints(file)) {
        assert.ok(walked(handler.operation), `${file} ${handler.name} -> ${handler.operation}`);
      }
    }
  });
});

/**
 * The customer portal: a visitor of organization A (signed in by phone) runs every portal
 * operation with the ids of organization B's rows and of another customer of A (another
 * phone). The cases live in ./portal-isolation-cases.ts, one per operation.
 */
describe('a portal visitor of organization A reaches nothing of B, nor another customer of A', () => {
  let sides: PortalSides | undefined;
  const portalSides = async (): Promise<PortalSides> => {
    if (sides) return sides;
    const orgA = await makeOrg(db, 'portal-iso-a');
    const orgB = await makeOrg(db, 'portal-iso-b');
    const phone = '6281299900001';
    const aSide = await makePortalCustomer(db, orgA.org.id, phone);
    // B's customer has the SAME phone: a session of A still reaches nothing of B.
    const bSide = await makePortalCustomer(db, orgB.org.id, phone);
    const ySide = await makePortalCustomer(db, orgA.org.id, '6281299900002');
    sides = { db, a: { ...aSide, ctx: await portalCtxFor(db, orgA.org.id, phone) }, b: bSide, y: ySide };
    return sides;
  };
  for (const [name, check] of Object.entries(PORTAL_CASES)) test(name, async () => check(await portalSides()));

  // The self-service operations (invoices, tickets, modem) have their cases in
  // tests/integration/portal-billing-isolation.test.ts, requests and usage in
  // tests/integration/requests-isolation.test.ts; each checks its own list.
  const selfService = [portalBillingOps, portalSupportOps, portalModemOps, portalRequestOps, portalUsageOps].flatMap(
    (m) => Object.values(m).map((op) => op.name),
  );
  const portalWalked = new Set([...Object.keys(PORTAL_CASES), ...selfService]);
  test('every portal operation has a case', () => {
    assert.deepEqual([...portalWalked].sort(), Object.keys(PORTAL_OPERATIONS).sort());
  });

  test('every portal action runs a listed portal operation', () => {
    const files = sourceFiles('app/_actions').filter((f) => mentions(f, /^'use server';/));
    const entries = files.flatMap(portalEntryPoints);
    for (const e of entries) assert.ok(e.operation && portalWalked.has(e.operation), `${e.name} -> ${e.operation}`);
  });
});
