import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, billingSettings, invoices, organizations, subscriptions, whatsappSessions } from '@/db/schema';
import { previewBillingOp } from '@/lib/billing/operations';
import { env } from '@/lib/env';
import * as ops from '@/lib/organizations/operations';
import { executeOperation, type Result } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeOrg, makePlan, makeRouter, makeSubscriber, testDb } from '../helpers';

const db = testDb();

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0x10, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);

describe('first-run setup checklist', () => {
  test('each step is ticked from the organization’s own rows; the card hides when all are done', async () => {
    const { org, admin } = await makeOrg(db, 'setup');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const state = async () => ok(await executeOperation(ops.setupChecklistOp, ctx, {}));
    const done = async () =>
      (await state()).steps
        .filter((s) => s.done)
        .map((s) => s.key)
        .sort();

    const fresh = await state();
    assert.equal(fresh.done, 0);
    assert.equal(fresh.total, 6);
    assert.equal(fresh.visible, true);
    assert.deepEqual(
      fresh.steps.map((s) => s.href),
      ['/billing/settings', '/plans', '/routers', '/whatsapp', '/settings/payments', '/customers/import'],
    );

    const plan = await makePlan(db, org.id);
    assert.deepEqual(await done(), ['plan']);

    // Saved billing settings tick the company step; bank accounts are a way to pay.
    await db.insert(billingSettings).values({ organizationId: org.id, bankAccounts: 'BCA 123 a.n. Net' });
    assert.deepEqual(await done(), ['company', 'payment', 'plan']);

    await makeRouter(db, org.id, { host: '127.0.0.1', port: 1 });
    // A session that is only waiting for its QR is not done; a connected one is.
    const [session] = await db
      .insert(whatsappSessions)
      .values({ organizationId: org.id, name: 'CS', status: 'qr' })
      .returning();
    assert.deepEqual(await done(), ['company', 'network', 'payment', 'plan']);
    await db.update(whatsappSessions).set({ status: 'connected' }).where(eq(whatsappSessions.id, session!.id));
    await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    const all = await state();
    assert.equal(all.done, 6);
    assert.equal(all.visible, false);

    // Another organization's rows never tick this one's steps.
    const other = await makeOrg(db, 'setup-b');
    const otherState = ok(
      await executeOperation(ops.setupChecklistOp, ctxFor(db, other.org.id, other.admin.user.id, 'admin'), {}),
    );
    assert.equal(otherState.done, 0);
  });

  test('an admin hides the checklist and brings it back, audited; other roles cannot', async () => {
    const { org, admin } = await makeOrg(db, 'setup-hide');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    ok(await executeOperation(ops.dismissSetupOp, ctx, {}));
    const hidden = ok(await executeOperation(ops.setupChecklistOp, ctx, {}));
    assert.equal(hidden.dismissed, true);
    assert.equal(hidden.visible, false);
    const overview = ok(await executeOperation(ops.settingsOverviewOp, ctx, {}));
    assert.equal(overview.setupDismissed, true);

    ok(await executeOperation(ops.dismissSetupOp, ctx, { dismissed: false }));
    assert.equal(ok(await executeOperation(ops.setupChecklistOp, ctx, {})).visible, true);
    const actions = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.entityType, 'organization')));
    assert.deepEqual(actions.map((a) => a.action).sort(), [
      'organization.setup_dismissed',
      'organization.setup_restored',
    ]);

    const finance = ctxFor(db, org.id, admin.user.id, 'finance');
    const refused = await executeOperation(ops.dismissSetupOp, finance, {});
    assert.equal(!refused.ok && refused.code, 'forbidden');
  });
});

describe('settings hub', () => {
  test('each section the member may open, with the figures of its one line', async () => {
    const { org, admin } = await makeOrg(db, 'hub');
    await makeRouter(db, org.id, { host: '127.0.0.1', port: 1 });
    await db.insert(billingSettings).values({ organizationId: org.id, invoiceDay: 5, dueDay: 15, graceDays: 3 });
    const adminView = ok(
      await executeOperation(ops.settingsOverviewOp, ctxFor(db, org.id, admin.user.id, 'admin'), {}),
    );
    const byKey = Object.fromEntries(adminView.sections.map((s) => [s.key, s]));
    assert.deepEqual(Object.keys(byKey), [
      'organization',
      'billing',
      'payments',
      'whatsapp',
      'network',
      'hotspot',
      'users',
      'roles',
      'support',
      'workOrders',
      'acs',
      'portal',
      'webhooks',
      'api',
      'export',
    ]);
    assert.deepEqual(byKey.webhooks!.figures, { endpoints: 0, off: 0 });
    assert.deepEqual(byKey.export!.figures, { exports: 0 });
    assert.deepEqual(byKey.workOrders!.figures, { custom: 0 });
    assert.deepEqual(byKey.api!.figures, { keys: 0 });
    assert.deepEqual(byKey.billing!.figures, { invoiceDay: 5, dueDay: 15, graceDays: 3 });
    assert.deepEqual(byKey.network!.figures, { routers: 1, radius: 0 });
    assert.deepEqual(byKey.payments!.figures, { gateways: 0, methods: 0, bankAccounts: false });
    assert.equal(byKey.users!.figures.members, 1);

    // A technician sees the network and the roles, nothing about money or the organization.
    const tech = ok(
      await executeOperation(ops.settingsOverviewOp, ctxFor(db, org.id, admin.user.id, 'technician'), {}),
    );
    assert.deepEqual(
      tech.sections.map((s) => s.key),
      ['network', 'roles'],
    );
    assert.equal(tech.setupDismissed, null);
  });
});

describe('organization logo', () => {
  test('only a small PNG, JPEG or WebP by its bytes is kept; replacing deletes the old file', async () => {
    const { org, admin } = await makeOrg(db, 'logo');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const upload = (bytes: BlobPart, name: string, type: string) =>
      executeOperation(ops.uploadOrganizationLogoOp, ctx, { logo: new File([bytes], name, { type }) });
    const failedWith = async (r: Promise<Result<unknown>>) => {
      const res = await r;
      assert.ok(!res.ok && res.code === 'validation', JSON.stringify(res));
      return !res.ok ? res.fieldErrors?.logo : undefined;
    };
    assert.equal(
      await failedWith(upload('<svg onload=alert(1)>', 'logo.png', 'image/png')),
      'Logo harus PNG, JPEG atau WebP.',
    );
    assert.equal(
      await failedWith(upload('%PDF-1.4', 'logo.pdf', 'application/pdf')),
      'Logo harus PNG, JPEG atau WebP.',
    );
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(PNG);
    assert.equal(await failedWith(upload(big, 'big.png', 'image/png')), 'Logo maksimal 512 KB.');
    assert.equal(await failedWith(upload('', 'empty.png', 'image/png')), 'Pilih gambar logo untuk diunggah.');

    const first = ok(await upload(PNG, 'logo.png', 'image/png'));
    assert.match(first.logoPath, new RegExp(`^${org.id}/branding/org-logo-[0-9a-f]{8}\\.png$`));
    const file = (rel: string) => path.join(env().FILES_DIR, rel);
    assert.ok(existsSync(file(first.logoPath)));
    // The declared type is only a claim: these bytes are WebP.
    const second = ok(await upload(WEBP, 'logo.png', 'image/png'));
    assert.match(second.logoPath, /\.webp$/);
    assert.ok(!existsSync(file(first.logoPath)), 'the replaced logo is deleted');
    // Every member sees it in the header.
    const asTech = ctxFor(db, org.id, admin.user.id, 'technician');
    assert.deepEqual(ok(await executeOperation(ops.organizationLogoOp, asTech, {})), {
      path: second.logoPath,
      type: 'image/webp',
    });
    const refused = await executeOperation(ops.uploadOrganizationLogoOp, asTech, {
      logo: new File([PNG], 'l.png', { type: 'image/png' }),
    });
    assert.equal(!refused.ok && refused.code, 'forbidden');

    assert.deepEqual(ok(await executeOperation(ops.removeOrganizationLogoOp, ctx, {})), { removed: true });
    assert.ok(!existsSync(file(second.logoPath)));
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(row!.logoPath, null);
    const gone = await executeOperation(ops.organizationLogoOp, ctx, {});
    assert.equal(!gone.ok && gone.code, 'not_found');
  });
});

describe('billing run preview', () => {
  test('the breakdown: by plan and type, prorata and carried lines, who will be isolated; nothing written', async () => {
    const { org, admin } = await makeOrg(db, 'preview');
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    // A second customer on the spare plan, installed mid-November: billed in December with prorata.
    const late = await makeSubscriber(db, org.id, { planId: w.spare.id, routerId: null });
    await db
      .update(subscriptions)
      .set({ activatedAt: new Date('2026-11-16T03:00:00Z'), billingType: 'prepaid' })
      .where(eq(subscriptions.id, late.subscription.id));
    const before = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.organizationId, org.id));

    const ctx = ctxFor(db, org.id, admin.user.id, 'finance');
    const report = ok(await executeOperation(previewBillingOp, ctx, { period: '2026-12-01' }));
    assert.equal(report.eligible, 2);
    const b = report.breakdown!;
    assert.equal(b.byPlan.length, 2);
    assert.equal(
      b.byPlan.reduce((sum, r) => sum + r.amount, 0),
      report.total,
    );
    assert.deepEqual(b.byPlan.map((r) => r.count).sort(), [1, 1]);
    assert.deepEqual(
      b.byType.map((r) => [r.billingType, r.count]),
      [
        ['postpaid', 1],
        ['prepaid', 1],
      ],
    );
    const lines = Object.fromEntries(b.lines.map((l) => [l.kind, l]));
    assert.equal(lines.plan!.count, 2);
    assert.equal(lines.prorata!.count, 1);
    // November's invoice is unpaid but for the counter payment: its rest is carried, once.
    assert.equal(lines.carried!.count, 1);
    assert.equal(lines.carried!.amount, w.invoice.total - 10_000);
    assert.equal(b.isolation.count, 1);
    assert.equal(b.isolation.sample[0]!.customerId, w.customer.id);
    assert.equal(b.isolation.sample[0]!.debt, w.invoice.total - 10_000);
    // Defaults: prepaid on the invoice day (1st), postpaid the day after the due day (20th).
    assert.deepEqual(b.isolateOn, { prepaid: '2026-12-01', postpaid: '2026-12-21' });
    assert.equal(b.isolation.sample[0]!.isolateOn, '2026-12-21');

    const after = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.organizationId, org.id));
    assert.equal(after.length, before.length, 'the preview writes nothing');
  });
});
