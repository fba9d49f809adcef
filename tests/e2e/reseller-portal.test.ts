import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { invoices, memberships, organizations, plans, subscriptions, users } from '@/db/schema';
import { convertLead, createLead } from '@/lib/customers/leads';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { hashPassword } from '@/lib/users/password';
import { testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

/**
 * A reseller of its own gets one customer (with an unpaid invoice) in `before`; the admin sets
 * the reseller's rate, the cashier takes the payment, the reseller sees the commission. Not the
 * demo reseller: the wallet test, running beside this one, checks that reseller's exact
 * balance, which the commission would change. Names carry a stamp.
 */
const stamp = String(Date.now()).slice(-6);
const NAME = `Rudi Reseller ${stamp}`;
const RESELLER_EMAIL = `reseller-${stamp}@demo.jaring.id`;
const RESELLER_NAME = `Reseller Portal ${stamp}`;
const db = testDb();
let invoiceNumber = '';
let resellerId = '';

before(async () => {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'demo'));
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.jaring.id'));
  const [reseller] = await db
    .insert(users)
    .values({ email: RESELLER_EMAIL, name: RESELLER_NAME, passwordHash: await hashPassword('jaring123') })
    .returning();
  await db.insert(memberships).values({ organizationId: org!.id, userId: reseller!.id, role: 'reseller' });
  const [plan] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, org!.id), eq(plans.name, 'Paket 20 Mbps')));
  resellerId = reseller!.id;
  const actor = { orgId: org!.id, actorUserId: admin!.id, ip: null };
  const { lead } = await createLead(db, {
    ...actor,
    resellerUserId: reseller!.id,
    input: {
      name: NAME,
      phone: `62813${stamp}00`,
      address: 'Jl. Reseller No. 1',
      area: 'RW 05',
      notes: null,
      latitude: -6.9149,
      longitude: 107.6099,
      planId: plan!.id,
      billingType: 'postpaid',
    },
  });
  const { customer, subscription } = await convertLead(db, {
    ...actor,
    leadId: lead.id,
    serviceUsername: `rudi${stamp}`,
    servicePassword: 'rahasia1',
  });
  await db.update(subscriptions).set({ routerId: null }).where(eq(subscriptions.id, subscription.id));
  await transitionSubscription(db, { ...actor, subscriptionId: subscription.id, to: 'active', reason: 'e2e' });
  invoiceNumber = `E2E/RSL/${stamp}`;
  await db.insert(invoices).values({
    organizationId: org!.id,
    number: invoiceNumber,
    customerId: customer.id,
    subscriptionId: subscription.id,
    period: '2026-01-01',
    issueDate: '2026-01-01',
    dueDate: '2026-01-20',
    billingType: 'postpaid',
    subtotal: 150_000,
    tax: 16_500,
    total: 166_500,
    lines: [{ kind: 'plan', description: plan!.name, amount: 150_000, taxable: true }],
  });
});

describe('reseller portal, in Chromium', () => {
  test('the admin sets the reseller commission rate (5 %)', async () => {
    const page = await newPage();
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/resellers');
    await page.getByTestId('resellers-table').getByRole('link', { name: RESELLER_NAME }).click();
    await page.getByTestId('reseller-settings-form').waitFor();
    await settled(page);
    await page.getByLabel('Tarif komisi (%)').fill('5');
    await page.getByLabel('Komisi aktif').check();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Pengaturan reseller disimpan.').waitFor();
    assert.match(page.url(), new RegExp(`/resellers/${resellerId}$`));
  });

  test('the reseller sees only their own customers, and a commission once the cashier records the payment', async () => {
    const reseller = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(reseller, RESELLER_EMAIL);
    await reseller.getByTestId('org-name').waitFor();
    await reseller.goto('/reseller/customers');
    await reseller.getByTestId('reseller-customers').waitFor();
    const list = await reseller.getByTestId('reseller-customers').innerText();
    assert.match(list, new RegExp(NAME));
    assert.doesNotMatch(list, /Budi Santoso|Siti Aminah/);
    await reseller.goto('/reseller/invoices');
    await reseller.getByTestId('reseller-invoices').getByText(invoiceNumber).waitFor();
    // Staff pages stay closed to a reseller.
    const staff = await reseller.goto('/resellers');
    assert.equal(staff?.status(), 403);

    const cashier = await newPage();
    await signIn(cashier, 'operator@demo.jaring.id');
    await cashier.getByTestId('org-name').waitFor();
    await cashier.goto(`/customers?q=${encodeURIComponent(NAME)}`);
    await cashier.getByRole('link', { name: NAME }).click();
    await cashier.getByTestId('customer-billing').waitFor();
    await settled(cashier);
    await cashier.getByTestId('record-payment').click();
    await cashier.getByText(/Pembayaran Rp\s[\d.]+ dicatat\./).waitFor();

    await reseller.goto('/reseller/commissions');
    const row = reseller.getByTestId('commission-row').filter({ hasText: invoiceNumber });
    await row.waitFor();
    // 5 % of the 150,000 subtotal (before PPN).
    assert.match(await row.innerText(), /Rp\s7\.500/);
    await reseller.goto('/reseller');
    assert.match(await reseller.getByTestId('stat-commission').innerText(), /^Rp\s[1-9]/);
  });
});
