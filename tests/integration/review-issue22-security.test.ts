import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  conversationMessages,
  customers,
  portalSettings,
  ticketMessages,
  tickets,
  whatsappSessions,
} from '@/db/schema';
import { answerInboundLine, RATE_LIMIT } from '@/lib/assistant/answer';
import { receiveCloudApiMessages } from '@/lib/assistant/cloud';
import { encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { recordConversationLine } from '@/lib/inbox/record';
import { CODE_REQUESTS_PER_IP, FAILURES_PER_IP, requestPortalCode } from '@/lib/portal/codes';
import { passwordSignIn } from '@/lib/portal/passwords';
import { getPortalSettings, savePortalSettings } from '@/lib/portal/settings';
import type { AppError } from '@/lib/server/errors';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

/**
 * Review of issue 22 (security): limits that an IPv6 visitor could walk around, a STOP the
 * answer limit swallowed, and a Cloud API text to another organization's number landing in
 * this organization's inbox.
 */
const db = testDb();
const hex = () => randomBytes(2).toString('hex');
/** A /64 of this test's own (documentation prefix), so parallel files never share limits. */
const someNet = () => `2001:db8:${hex()}:${hex()}`;
let seq = 0;
const uniquePhone = () => `62858${String(Date.now() % 1_000_000).padStart(6, '0')}${++seq}`.slice(0, 13);

async function failsWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: AppError) => {
    assert.equal(e.code, code);
    return true;
  });
}

test('password sign-in: one IPv6 /64 is one address for the failure limit (no spraying from fresh addresses)', async () => {
  const { org } = await makeOrg(db, 'rv-pw6');
  const net = someNet();
  // Each try names another customer number (the per-number lock never trips) from another
  // address of the same /64: only the address limit can stop this.
  for (let i = 0; i < FAILURES_PER_IP; i++)
    await failsWith(
      passwordSignIn(db, {
        orgId: org.id,
        customerNumber: String(900_000 + i),
        password: 'rahasia123',
        ip: `${net}::${(i + 1).toString(16)}`,
      }),
      'portal_password_wrong',
    );
  await failsWith(
    passwordSignIn(db, { orgId: org.id, customerNumber: '999999', password: 'rahasia123', ip: `${net}::ffff` }),
    'portal_rate_limited',
  );
});

test('code requests: one IPv6 /64 is one address for the request limit', async () => {
  const { org } = await makeOrg(db, 'rv-code6');
  await db
    .insert(whatsappSessions)
    .values({ organizationId: org.id, name: 'WA', transport: 'baileys', status: 'connected', enabled: true });
  const net = someNet();
  for (let i = 0; i < CODE_REQUESTS_PER_IP; i++)
    await requestPortalCode(db, { orgId: org.id, phone: uniquePhone(), ip: `${net}::${(i + 1).toString(16)}` });
  await failsWith(
    requestPortalCode(db, { orgId: org.id, phone: uniquePhone(), ip: `${net}::abcd` }),
    'portal_rate_limited',
  );
});

test('a STOP past the answer limit still opts the number out', async () => {
  const { org } = await makeOrg(db, 'rv-stop');
  const plan = await makePlan(db, org.id, { priceRupiah: 150_000 });
  const { customer } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  const phone = uniquePhone();
  await db.update(customers).set({ phone }).where(eq(customers.id, customer.id));
  // The assistant already answered this number as often as the window allows (a loop, a flood).
  for (let i = 0; i < RATE_LIMIT.answers; i++)
    await recordConversationLine(db, { orgId: org.id, phone, author: 'assistant', body: 'menu', intent: 'menu' });
  // Stored without its job (no worker here): this test answers it itself.
  const line = await recordConversationLine(db, {
    orgId: org.id,
    phone,
    author: 'customer',
    body: 'STOP',
    customerId: customer.id,
    intent: 'stop',
    transportMessageId: `wamid.${randomUUID()}`,
  });
  await answerInboundLine(db, { orgId: org.id, lineId: line.lineId! });
  const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
  assert.equal(after!.whatsappOptOut, true, 'the customer asked for silence and must get it');
});

test("Cloud API: a signed text to another organization's number (same Meta app) is not stored here", async () => {
  const appSecret = randomBytes(16).toString('hex');
  const sessionOf = async (label: string, phoneNumberId: string) => {
    const { org } = await makeOrg(db, label);
    const [s] = await db
      .insert(whatsappSessions)
      .values({
        organizationId: org.id,
        name: 'Cloud API',
        transport: 'cloud_api',
        enabled: true,
        configEnc: encryptSecret(JSON.stringify({ phoneNumberId, accessToken: 'EAAG-test', appSecret })),
      })
      .returning();
    return { orgId: org.id, session: s! };
  };
  const a = await sessionOf('rv-cloud-a', '1111111111');
  const b = await sessionOf('rv-cloud-b', '2222222222');
  const hook = (phoneNumberId: string, text: string) => {
    const rawBody = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '6281100000000', phone_number_id: phoneNumberId },
                messages: [
                  {
                    from: '6281298765432',
                    id: `wamid.${randomUUID()}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    return { rawBody, signature: `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}` };
  };
  const lines = (orgId: string) =>
    db
      .select({ body: conversationMessages.body })
      .from(conversationMessages)
      .where(and(eq(conversationMessages.organizationId, orgId)));

  // Meta posts every number of the app to the one callback URL: here A's.
  const toB = await receiveCloudApiMessages(db, { sessionId: a.session.id, ...hook('2222222222', 'tagihan') });
  assert.equal(toB.status, 200, 'Meta is told it arrived (it must not retry forever)');
  assert.deepEqual(await lines(a.orgId), [], "B's customer's text is not a line of A's inbox");
  assert.deepEqual(await lines(b.orgId), []);

  const toA = await receiveCloudApiMessages(db, { sessionId: a.session.id, ...hook('1111111111', 'tagihan') });
  assert.equal(toA.stored, 1);
  assert.deepEqual(await lines(a.orgId), [{ body: 'tagihan' }]);
});

test('lapor sent again while its ticket is open adds to that ticket: one number cannot flood the helpdesk', async () => {
  const { org } = await makeOrg(db, 'rv-lapor');
  const plan = await makePlan(db, org.id, { priceRupiah: 150_000 });
  const { customer } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  const phone = uniquePhone();
  await db.update(customers).set({ phone }).where(eq(customers.id, customer.id));
  const say = async (text: string) => {
    const line = await recordConversationLine(db, {
      orgId: org.id,
      phone,
      author: 'customer',
      body: text,
      customerId: customer.id,
      transportMessageId: `wamid.${randomUUID()}`,
    });
    return answerInboundLine(db, { orgId: org.id, lineId: line.lineId! });
  };
  for (let i = 0; i < 5; i++) assert.equal((await say(`lapor LOS merah ke-${i}`)).outcome, 'answered');
  const all = await db.select().from(tickets).where(eq(tickets.organizationId, org.id));
  assert.equal(all.length, 1, 'five reports of one problem are one ticket');
  const words = await db
    .select({ body: ticketMessages.body })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, all[0]!.id), eq(ticketMessages.kind, 'customer')));
  assert.equal(words.length, 4, 'the later reports are on it, as the customer wrote them');
  // Once resolved, a new report is a new ticket.
  await db.update(tickets).set({ status: 'resolved' }).where(eq(tickets.id, all[0]!.id));
  await say('lapor mati lagi');
  assert.equal((await db.select().from(tickets).where(eq(tickets.organizationId, org.id))).length, 2);
});

test("an organization cannot claim Jaring's own host as its portal's custom domain", async () => {
  const { org, admin } = await makeOrg(db, 'rv-domain');
  const host = new URL(env().APP_URL).hostname;
  const input = {
    portalEnabled: true,
    brandColor: null,
    customDomain: host,
    assistantEnabled: true,
    contactText: null,
  };
  await assert.rejects(
    savePortalSettings(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, input }),
    (e: AppError) => {
      assert.deepEqual(e.fieldErrors, { customDomain: 'portal.validation.domainIsApp' });
      return true;
    },
  );
  assert.equal((await getPortalSettings(db, { orgId: org.id })).customDomain, null);
});

test('with the assistant off, a STOP is still honoured (and nothing is answered)', async () => {
  const { org } = await makeOrg(db, 'rv-stop-off');
  await db.insert(portalSettings).values({ organizationId: org.id, assistantEnabled: false });
  const plan = await makePlan(db, org.id, { priceRupiah: 150_000 });
  const { customer } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  const phone = uniquePhone();
  await db.update(customers).set({ phone }).where(eq(customers.id, customer.id));
  const line = await recordConversationLine(db, {
    orgId: org.id,
    phone,
    author: 'customer',
    body: 'berhenti',
    customerId: customer.id,
    transportMessageId: `wamid.${randomUUID()}`,
  });
  const r = await answerInboundLine(db, { orgId: org.id, lineId: line.lineId! });
  assert.equal(r.outcome, 'assistant_off');
  const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
  assert.equal(after!.whatsappOptOut, true);
  const answers = await db
    .select()
    .from(conversationMessages)
    .where(and(eq(conversationMessages.organizationId, org.id), eq(conversationMessages.author, 'assistant')));
  assert.deepEqual(answers, []);
});
