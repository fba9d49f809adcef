import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { customers, portalAccounts } from '@/db/schema';
import { updateCustomerOp } from '@/lib/customers/operations';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import { executeOperation } from '@/lib/server/operation';
import { hashPassword } from '@/lib/users/password';
import { ctxFor, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();

test("staff correct a customer's phone: the portal password and its sessions set from the old number end", async () => {
  const { org, admin } = await makeOrg(db, 'portal-phone');
  const plan = await makePlan(db, org.id);
  const { customer } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  await db.update(customers).set({ phone: '6281277700001' }).where(eq(customers.id, customer.id));
  await db
    .insert(portalAccounts)
    .values({ customerId: customer.id, organizationId: org.id, passwordHash: await hashPassword('rahasia-lama') });
  const byPassword = await createPortalSession(db, { orgId: org.id, customerId: customer.id, ip: null });
  const byPhone = await createPortalSession(db, { orgId: org.id, phone: '6281277700001', ip: null });
  assert.ok(await portalVisitor(db, { orgId: org.id, token: byPassword.token }));

  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const r = await executeOperation(updateCustomerOp, ctx, {
    customerId: customer.id,
    name: customer.name,
    phone: '0812 7770 0002',
    address: customer.address,
  });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal((await db.select().from(portalAccounts).where(eq(portalAccounts.customerId, customer.id))).length, 0);
  assert.equal(await portalVisitor(db, { orgId: org.id, token: byPassword.token }), null);
  // The old number's session sees nobody now: the customer is under the new number.
  assert.equal(await portalVisitor(db, { orgId: org.id, token: byPhone.token }), null);
});
