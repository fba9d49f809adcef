import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cables, gatewayTransactions, infraSites, jobs, routerImports, routerSessions } from '@/db/schema';
import { can, ROLES, type Role } from '@/lib/auth/permissions';
import { invoiceLinkToken } from '@/lib/billing/links';
import { workerCheck } from '@/lib/jobs/jobs';
import { OPERATIONS } from '@/lib/operations';
import { uploadOrganizationLogo } from '@/lib/organizations/logo';
import { receiveCallback } from '@/lib/payments/callbacks';
import { startInvoicePayment } from '@/lib/payments/checkout';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { executeOperation } from '@/lib/server/operation';
import { inviteUser } from '@/lib/users/invitations';
import { ctxFor, makeCustomerWorld, makeMember, makeOdp, makeOrg, makeRouter, POLE, testDb } from '../helpers';
import { accountMatrixInputs } from '../support/accounts';
import { acsMatrixInputs } from '../support/acs';
import { activationMatrixInputs } from '../support/activation';
import { apiKeyMatrixInputs } from '../support/api-keys';
import { backupMatrixInputs } from '../support/backups';
import { fibreRecordMatrixInputs } from '../support/fibre-records';
import { fieldOfficeMatrixInputs } from '../support/field-office';
import { startFakeMidtrans } from '../support/gateways/midtrans';
import { startFakeTripay } from '../support/gateways/tripay';
import type { GatewayFake } from '../support/gateways/types';
import { inboxMatrixInputs } from '../support/inbox';
import { catalogueMatrixInputs } from '../support/inventory-catalogue';
import { countsMatrixInputs } from '../support/inventory-counts';
import { fieldMatrixInputs } from '../support/inventory-field';
import { movesMatrixInputs } from '../support/inventory-moves';
import { reportsMatrixInputs } from '../support/inventory-reports';
import { makeMessagingWorld } from '../support/messaging-world';
import { oltCliMatrixInputs } from '../support/olt-cli';
import { orgTransferMatrixInputs } from '../support/org-transfer';
import { outageMatrixInputs } from '../support/outages';
import { pluginMatrixInputs } from '../support/plugin-cases';
import { requestMatrixInputs } from '../support/requests';
import { resellerMatrixInputs } from '../support/resellers';
import { routerConfigMatrixInputs } from '../support/router-configs';
import { signalMatrixInputs } from '../support/signal';
import { ticketMatrixInputs } from '../support/tickets';
import { voucherMatrixInputs } from '../support/vouchers';
import { walletMatrixInputs } from '../support/wallet';
import { webhookMatrixInputs } from '../support/webhooks';
import { workOrderMatrixInputs } from '../support/workorders';

const db = testDb();
const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
// Re-checks, refunds and key tests talk to a gateway: loopback stand-ins, set before the
// environment is first read.
let tripay: GatewayFake;
let midtrans: GatewayFake;
before(async () => {
  [tripay, midtrans] = await Promise.all([startFakeTripay(), startFakeMidtrans()]);
  process.env.TRIPAY_API_URL = tripay.url;
  process.env.MIDTRANS_API_URL = midtrans.url;
});
after(() => Promise.all([tripay.close(), midtrans.close()]));

/**
 * Gateway payments on the scenario's invoice: a pending Tripay VA (re-checked), a settled
 * Midtrans QRIS (refundable) and one held for review.
 */
async function gatewayScenario(orgId: string, actorUserId: string, w: Awaited<ReturnType<typeof makeCustomerWorld>>) {
  for (const fake of [tripay, midtrans]) {
    const code = fake === tripay ? 'BRIVA' : 'qris';
    await saveGatewaySettings(db, {
      orgId,
      actorUserId,
      ip: null,
      input: {
        gateway: fake.name,
        enabled: true,
        mode: 'sandbox',
        credentials: fake.credentials,
        methods: [{ code, enabled: true, feeType: 'flat', feeValue: 0, feeBearer: 'customer' }],
      },
    });
  }
  const token = invoiceLinkToken(w.invoice.id);
  const pending = await startInvoicePayment(db, { token, gateway: 'tripay', method: 'BRIVA', ip: null });
  const paid = await startInvoicePayment(db, { token, gateway: 'midtrans', method: 'qris', ip: null });
  midtrans.setStatus(paid.orderId, 'paid');
  const cb = midtrans.callback(paid.orderId, 'paid');
  const settled = await receiveCallback(db, {
    gateway: 'midtrans',
    rawBody: cb.body,
    headers: new Headers(cb.headers),
    remoteIp: null,
  });
  assert.equal(settled.status, 200, JSON.stringify(settled));
  const [review] = await db
    .insert(gatewayTransactions)
    .values({
      organizationId: orgId,
      gateway: 'tripay',
      mode: 'sandbox',
      orderId: `JRG-R${randomUUID().slice(0, 8).toUpperCase()}`,
      reference: 'DEV-R',
      purpose: 'invoice',
      customerId: w.customer.id,
      invoiceId: w.invoice.id,
      method: 'BRIVA',
      amount: 5_000,
      chargedAmount: 5_000,
      status: 'review',
      reviewReason: 'amount 4000 ≠ 5000',
      receivedAmount: 4_000,
    })
    .returning();
  return { pending, paid, review: review! };
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

/** Network records: an ODC (with a photo on file), a pole and an ODP to delete, cables. */
async function infraScenario(orgId: string) {
  const site = (kind: 'odc' | 'pole', code: string, photoPath: string | null = null) => ({
    organizationId: orgId,
    kind,
    code,
    name: code,
    latitude: -6.91,
    longitude: 107.61,
    photoPath,
  });
  const [odc, pole] = await db
    .insert(infraSites)
    .values([site('odc', 'ODC-01', `${orgId}/network/odc.jpg`), site('pole', 'TG-01')])
    .returning();
  const cable = (code: string, photoPath: string | null = null) => ({
    organizationId: orgId,
    code,
    name: code,
    cableType: 'drop' as const,
    coreCount: 2,
    path: [
      [-6.91, 107.61],
      [-6.911, 107.61],
    ] as [number, number][],
    lengthM: 111,
    minLat: -6.911,
    minLng: 107.61,
    maxLat: -6.91,
    maxLng: 107.61,
    photoPath,
  });
  const [withPhoto, spareCable] = await db
    .insert(cables)
    .values([cable('KBL-01', `${orgId}/network/kbl.jpg`), cable('KBL-02')])
    .returning();
  // Far from the leads, so converting one never puts a customer on it.
  const spareOdp = await makeOdp(db, orgId, { code: 'ODP-KOSONG', latitude: -7.8, longitude: 110.36 });
  return { odc: odc!, pole: pole!, cable: withPhoto!, spareCable: spareCable!, spareOdp };
}

/** A fresh organization with one of everything an operation may need. */
async function scenario() {
  const { org, admin } = await makeOrg(db, 'perm');
  const other = await makeMember(db, org.id, 'operator');
  const inv = await inviteUser(db, {
    orgId: org.id,
    actorUserId: admin.user.id,
    ip: null,
    email: `inv-${randomUUID()}@t.test`,
    role: 'sales',
  });
  const [failed] = await db
    .insert(jobs)
    .values({ organizationId: org.id, type: workerCheck.name, state: 'failed', error: 'x' })
    .returning();
  const spare = await makeOrg(db, 'spare');
  const u = randomUUID().slice(0, 8);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const csv = `name,phone,address,plan,service_username,service_password\nImpor ${u},0812-7777-0000,Jl. Impor No. 1,${w.plan.name},imp${u},rahasia1`;
  // Routers are never contacted here: these operations only queue jobs.
  const router = await makeRouter(db, org.id, { host: '10.255.0.1', port: 8728 });
  const spareRouter = await makeRouter(db, org.id, { host: '10.255.0.2', port: 8728 });
  const [session] = await db
    .insert(routerSessions)
    .values({ organizationId: org.id, routerId: router.id, kind: 'pppoe', itemId: '*1', username: 'joko' })
    .returning();
  const [imp] = await db
    .insert(routerImports)
    .values({ organizationId: org.id, routerId: router.id, jobId: failed!.id, entries: [] })
    .returning();
  const pay = await gatewayScenario(org.id, admin.user.id, w);
  const infra = await infraScenario(org.id);
  const wa = await makeMessagingWorld(db, org.id, w.customer.id);
  const voucherInputs = await voucherMatrixInputs(db, org.id, admin.user.id, router.id);
  const wallet = await walletMatrixInputs(db, org.id, admin.user.id, router.id);
  const sessionInput = {
    name: 'HP Kantor',
    transport: 'http_gateway',
    priority: '1',
    perMinute: '20',
    dailyCap: '1000',
    enabled: 'on',
    cfg_url: 'https://gateway.example/send',
    cfg_token: '',
  };
  const routerInput = {
    host: '10.0.0.1',
    port: '8728',
    tls: false,
    username: 'api',
    password: 'rahasia',
    area: '',
    mode: 'api',
    isolirProfile: 'isolir',
    isolirRateLimit: '512k/512k',
    isolirAddressList: 'isolir',
    syncIntervalMinutes: '60',
  };
  const planInput = {
    name: `Paket ${u}`,
    downloadMbps: '10',
    uploadMbps: '5',
    priceRupiah: 'Rp 100.000',
    serviceType: 'pppoe',
    billingType: 'prepaid',
  };
  await uploadOrganizationLogo(db, {
    orgId: org.id,
    actorUserId: admin.user.id,
    ip: null,
    logo: new File([PNG_BYTES], 'logo.png', { type: 'image/png' }),
  });
  const inputs: Record<string, unknown> = {
    'plans.list': {},
    'plans.create': planInput,
    'plans.update': { ...planInput, name: `Paket Ubah ${u}`, planId: w.plan.id },
    'plans.setActive': { planId: w.spare.id, active: false },
    'odps.list': {},
    'odps.save': {
      code: `ODP-${u}`,
      name: 'Tiang baru',
      latitude: '-6.91',
      longitude: '107.61',
      totalPorts: '16',
      splitterRatio: '1:16',
      odcId: infra.odc.id,
      notes: '',
    },
    'map.features': { bbox: '107.6,-6.92,107.62,-6.9', zoom: '15', layers: 'customers,odps,sites,cables' },
    'map.search': { q: 'ODP' },
    'map.coverage': { lat: String(POLE.latitude), lng: String(POLE.longitude) },
    'network.export': { format: 'kml' },
    // A pole far from the leads: importing it changes no coverage answer.
    'network.importPreview': {
      file: new File(
        [
          JSON.stringify({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [110.37, -7.79] },
            properties: { code: `TG-${u}`, name: 'Tiang impor' },
          }),
        ],
        'jaringan.geojson',
      ),
      defaultKind: 'pole',
    },
    'network.import': {
      file: new File(
        [
          JSON.stringify({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [110.37, -7.79] },
            properties: { code: `TG-${u}`, name: 'Tiang impor' },
          }),
        ],
        'jaringan.geojson',
      ),
      defaultKind: 'pole',
    },
    'odps.delete': { odpId: infra.spareOdp.id },
    'odps.listPage': { q: 'ODP' },
    'odps.get': { odpId: w.odp.id },
    'sites.odcChoices': {},
    'sites.list': { kind: 'odc' },
    'sites.get': { siteId: infra.odc.id },
    'cables.list': { q: 'KBL' },
    'cables.get': { cableId: infra.cable.id },
    'map.center': {},
    'odps.freePorts': { odpId: w.odp.id },
    'sites.save': {
      kind: 'pole',
      code: `TG-${u}`,
      name: 'Tiang 7',
      latitude: '-6.912',
      longitude: '107.611',
      capacity: '',
    },
    'sites.delete': { siteId: infra.pole.id },
    'cables.save': {
      code: `KBL-${u}`,
      name: 'Drop Jl. Melati',
      cableType: 'drop',
      coreCount: '2',
      path: '-6.9147, 107.6098\n-6.9150, 107.6101',
    },
    'cables.delete': { cableId: infra.spareCable.id },
    'infra.move': { kind: 'site', id: infra.odc.id, latitude: '-6.9121', longitude: '107.6112' },
    'infra.uploadPhoto': { kind: 'odp', id: w.odp.id, photo: new File([PNG], 'odp.png', { type: 'image/png' }) },
    'infra.removePhoto': { kind: 'cable', id: infra.cable.id },
    'infra.photo': { kind: 'site', id: infra.odc.id },
    'customers.list': { q: 'joko' },
    'customers.get': { customerId: w.customer.id },
    'customers.filterOptions': {},
    'subscriptions.serviceChoices': { customerId: w.customer.id },
    'subscriptions.radius': { subscriptionId: w.subscription.id },
    'customers.update': {
      customerId: w.customer.id,
      name: 'Joko W.',
      phone: '0812 9999 0000',
      address: 'Jl. Kenanga No. 9',
      area: '',
    },
    'customers.importPreview': { csv },
    'customers.import': { csv },
    'leads.list': {},
    'leads.get': { leadId: w.lead1.id },
    'leads.checkCoverage': POLE,
    'leads.conversionOdp': { leadId: w.lead1.id },
    'leads.formOptions': {},
    'leads.create': {
      name: 'Calon Baru',
      phone: '0813-2222-3333',
      address: 'Jl. Anggrek No. 7',
      ...POLE,
      planId: w.plan.id,
      billingType: 'prepaid',
    },
    'leads.convert': { leadId: w.lead1.id, serviceUsername: `conv${u}`, servicePassword: 'rahasia1' },
    'leads.reject': { leadId: w.lead2.id, reason: 'di luar area' },
    'subscriptions.transition': { subscriptionId: w.subscription.id, to: 'isolated' },
    'subscriptions.updateService': {
      subscriptionId: w.subscription.id,
      planId: w.plan.id,
      routerId: router.id,
      remoteAddress: '10.10.0.9',
      localAddress: '',
      callerId: '',
    },
    'routers.list': { q: 'RB' },
    'routers.choices': {},
    'routers.get': { routerId: router.id },
    'routers.save': { ...routerInput, name: `RB-${u}` },
    'routers.delete': { routerId: spareRouter.id },
    'routers.check': { routerId: router.id },
    'routers.sync': { routerId: router.id, removeExtra: false },
    'routers.pushProfiles': { routerId: router.id },
    'routers.importStart': { routerId: router.id },
    'routers.importPreview': { importId: imp!.id },
    'routers.importConfirm': { importId: imp!.id, billingType: 'postpaid', mapping: {} },
    'sessions.list': { routerId: router.id },
    'sessions.kick': { sessionId: session!.id },
    'sessions.routers': {},
    'sessions.radiusOnline': { q: 'joko' },
    'billing.listInvoices': {},
    'search.quick': { q: 'joko' },
    'bulk.remindInvoices': { ids: [w.invoice.id] },
    'bulk.remindCustomers': { ids: [w.customer.id] },
    'bulk.customersStatus': { ids: [w.customer.id], action: 'isolate' },
    'bulk.invoicesStatus': { ids: [w.invoice.id], action: 'reopen' },
    'exports.customers': { format: 'csv', q: 'joko' },
    'exports.invoices': { format: 'xlsx' },
    'exports.payments': { format: 'csv' },
    'exports.report': { kind: 'revenue' },
    'billing.getInvoice': { invoiceId: w.invoice.id },
    'billing.customer': { customerId: w.customer.id },
    'billing.preview': { period: '2026-12-01' },
    'billing.run': { period: '2026-12-01' },
    'billing.isolationPreview': {},
    'billing.isolate': {},
    'billing.getSettings': {},
    'billing.saveSettings': {
      invoiceDay: '1',
      dueDay: '20',
      graceDays: '3',
      isolationTime: '00:01',
      prorata: 'on',
      taxPercent: '11',
      invoicePrefix: 'INV',
    },
    'billing.addCharge': {
      subscriptionId: w.subscription.id,
      description: 'Biaya instalasi',
      amount: 'Rp 200.000',
      taxable: '',
    },
    'payments.record': { customerId: w.customer.id, amount: '50.000', method: 'cash' },
    'payments.list': { status: 'pending' },
    'payments.total': { month: '2026-12' },
    'payments.approve': { paymentId: w.transfers[0] },
    'payments.reject': { paymentId: w.transfers[1], reason: 'slip buram' },
    'payments.proof': { paymentId: w.transfers[0] },
    'payments.get': { paymentId: w.paymentId },
    'reports.get': { kind: 'aging' },
    'payments.listGateways': {},
    'payments.saveGateway': {
      gateway: 'duitku',
      mode: 'sandbox',
      cred_merchantCode: `D${u}`,
      cred_apiKey: 'duitku-key',
      m_BC_on: 'on',
      m_BC_type: 'percent',
      m_BC_fee: '0,7',
      m_BC_bearer: 'isp',
    },
    'payments.testGateway': { gateway: 'tripay' },
    'payments.listTransactions': { status: 'pending', gateway: 'tripay', q: '' },
    'payments.getTransaction': { transactionId: pay.pending.id },
    'payments.recheck': { transactionId: pay.pending.id },
    'payments.refund': { transactionId: pay.paid.id, reason: 'pelanggan berhenti' },
    'payments.resolveReview': { transactionId: pay.review.id, decision: 'reject', note: 'bukan pembayaran kami' },
    'messaging.listSessions': {},
    'messaging.saveSession': { ...sessionInput, sessionId: wa.session.id },
    'messaging.logoutSession': { sessionId: wa.session.id },
    'messaging.relinkSession': { sessionId: wa.loggedOut.id },
    'messaging.deleteSession': { sessionId: wa.spare.id },
    'messaging.listTemplates': {},
    'messaging.saveTemplate': {
      category: 'due_reminder',
      locale: 'en',
      body: 'Due in {{reminder.days}} days: {{invoice.link}}',
    },
    'messaging.resetTemplate': { category: 'invoice', locale: 'id' },
    'messaging.previewTemplate': { category: 'broadcast', body: 'Halo {{customer.name}}' },
    'messaging.getSettings': {},
    'messaging.saveSettings': { locale: 'id', auto_invoice: 'on', auto_welcome: 'on' },
    'messaging.listMessages': { status: 'failed', category: '', q: 'budi' },
    'messaging.resend': { messageId: wa.failed.id },
    'messaging.broadcastChoices': {},
    'messaging.countRecipients': { status: 'active', planId: w.plan.id },
    'messaging.startBroadcast': {
      title: 'Pemeliharaan',
      body: 'Halo {{customer.name}}, ada pemeliharaan jaringan.',
      status: 'active',
    },
    'messaging.setBroadcastStatus': { broadcastId: wa.broadcast.id, action: 'pause' },
    'messaging.broadcastProgress': { broadcastId: wa.broadcast.id },
    'messaging.listBroadcasts': {},
    'messaging.setOptOut': { customerId: w.customer.id, optOut: 'on' },
    'messaging.invoiceShare': { invoiceId: w.invoice.id },
    'messaging.sendInvoice': { invoiceId: w.invoice.id },
    'users.list': {},
    'users.invite': { email: `new-${u}@t.test`, role: 'technician' },
    'users.revokeInvitation': { invitationId: inv.invitationId },
    'users.changeRole': { membershipId: other.membership.id, role: 'noc' },
    'users.setActive': { membershipId: other.membership.id, active: false },
    'dashboard.get': {},
    'dashboard.finance': {},
    'dashboard.network': {},
    'dashboard.sales': {},
    'dashboard.field': {},
    'dashboard.people': {},
    'jobs.list': {},
    'jobs.get': { jobId: failed!.id },
    'jobs.retry': { jobId: failed!.id },
    'jobs.workerCheck': {},
    'audit.list': {},
    'organization.get': {},
    'organization.update': { name: 'Nama Baru', timezone: 'Asia/Makassar', coverageRadiusM: 300 },
    'organization.setupChecklist': {},
    'organization.dismissSetup': {},
    'organization.settingsOverview': {},
    // A logo is there to read (the scenario uploads one); removing and uploading again both succeed.
    'organization.logo': {},
    'organization.removeLogo': {},
    'organization.uploadLogo': { logo: new File([PNG_BYTES], 'logo.png', { type: 'image/png' }) },
    'platform.listOrganizations': {},
    'platform.taskProblems': {},
    'platform.createOrganization': {
      organizationName: 'Net Baru',
      slug: `net-${u}`,
      adminName: 'Admin Baru',
      email: `a-${u}@t.test`,
      password: 'rahasia-123',
    },
    'platform.setOrganizationStatus': { organizationId: spare.org.id, status: 'suspended' },
    ...voucherInputs,
    ...wallet.inputs,
    ...(await resellerMatrixInputs(db, org.id, admin.user.id)),
    ...(await accountMatrixInputs(db, org.id, admin.user.id)),
    ...(await ticketMatrixInputs(db, org.id, admin.user.id, w.customer.id)),
    ...(await inboxMatrixInputs(db, org.id, admin.user.id, w.customer)),
    ...(await requestMatrixInputs(db, org.id, w.customer.id)),
    ...(await workOrderMatrixInputs(db, org.id, admin.user.id)),
    ...(await outageMatrixInputs(db, org.id, admin.user.id)),
    ...(await fieldMatrixInputs(db, org.id, admin.user.id)),
    ...(await reportsMatrixInputs(db, org.id, admin.user.id)),
    ...(await fieldOfficeMatrixInputs(db, org.id, admin.user.id)),
    ...(await movesMatrixInputs(db, org.id, admin.user.id)),
    ...(await countsMatrixInputs(db, org.id, admin.user.id)),
    ...(await catalogueMatrixInputs(db, org.id, admin.user.id)),
    ...(await fibreRecordMatrixInputs(db, org.id, admin.user.id, w.subscription.id)),
    ...(await oltCliMatrixInputs(db, org.id)),
    ...(await acsMatrixInputs(db, org.id, admin.user.id)),
    ...pluginMatrixInputs(),
    ...(await signalMatrixInputs(db, org.id)),
    ...(await activationMatrixInputs(db, org.id, admin.user.id)),
    ...(await webhookMatrixInputs(db, org.id, admin.user.id)),
    ...(await apiKeyMatrixInputs(db, org.id, admin.user.id)),
    ...(await routerConfigMatrixInputs(db, org.id)),
    ...(await backupMatrixInputs(db)),
    ...(await orgTransferMatrixInputs(db, org.id, admin.user.id)),
    'portal.settings': {},
    'portal.saveSettings': {
      portalEnabled: true,
      brandColor: '#123456',
      customDomain: '',
      assistantEnabled: true,
      contactText: '',
    },
  };
  return { org, admin, inputs, walletReseller: wallet.resellerUserId };
}

describe('permission matrix: allowed actions succeed, the others are refused clearly', () => {
  for (const role of ROLES) {
    test(role, async () => {
      const { org, admin, inputs, walletReseller } = await scenario();
      assert.deepEqual(Object.keys(inputs).sort(), Object.keys(OPERATIONS).sort());
      for (const op of Object.values(OPERATIONS)) {
        // A wallet is a reseller member's own: its operations run as one (tests/support/wallet.ts),
        // also for a super admin (who holds every permission but has no wallet of their own).
        const ownWallet = op.permission === 'wallet.view' || (role === 'reseller' && op.name.startsWith('wallet.'));
        const userId = ownWallet ? walletReseller : admin.user.id;
        const result = await executeOperation(op, ctxFor(db, org.id, userId, role as Role), inputs[op.name]);
        if (can(role, op.permission)) {
          assert.ok(result.ok, `${role} should be allowed ${op.name}: ${JSON.stringify(result)}`);
        } else {
          assert.deepEqual(
            result,
            { ok: false, code: 'forbidden', message: 'Anda tidak memiliki izin untuk melakukan ini.' },
            `${role} must be refused ${op.name}`,
          );
        }
      }
    });
  }

  test('the refusal is in English for an English-speaking user', async () => {
    const { org, admin } = await scenario();
    const r = await executeOperation(
      OPERATIONS['users.list']!,
      ctxFor(db, org.id, admin.user.id, 'technician', 'en'),
      {},
    );
    assert.deepEqual(r, { ok: false, code: 'forbidden', message: 'You do not have permission to do this.' });
  });

  test('bad input comes back per field, in Indonesian', async () => {
    const { org, admin } = await scenario();
    const r = await executeOperation(OPERATIONS['users.invite']!, ctxFor(db, org.id, admin.user.id, 'admin'), {
      email: 'bukan-email',
      role: 'kepala',
    });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.code, 'validation');
    assert.equal(r.fieldErrors?.email, 'Masukkan alamat email yang valid.');
    assert.equal(r.fieldErrors?.role, 'Pilih peran yang tersedia.');
  });
});
