import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { POST as webhook } from '@/app/api/whatsapp/cloud/[id]/webhook/route';
import { conversationMessages, conversations, jobs, whatsappSessions } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { makeOrg, testDb } from '../helpers';

/**
 * Customers' texts through the Cloud API webhook route: signed by Meta with the session's
 * app secret they become conversation lines with their answer job; a forged or another
 * session's signature stores nothing; a repeated webhook is stored once.
 */
const db = testDb();
after(async () => {
  // The route handler uses the process-wide pool.
  await (
    globalThis as unknown as { jaringDb?: { client: { end(o: { timeout: number }): Promise<void> } } }
  ).jaringDb?.client.end({ timeout: 1 });
});

async function cloudSession(label: string) {
  const { org } = await makeOrg(db, label);
  const credentials = {
    phoneNumberId: '1065403522',
    accessToken: 'EAAG-test',
    appSecret: randomBytes(16).toString('hex'),
  };
  const [session] = await db
    .insert(whatsappSessions)
    .values({
      organizationId: org.id,
      name: 'Cloud API',
      transport: 'cloud_api',
      enabled: false,
      configEnc: encryptSecret(JSON.stringify(credentials)),
    })
    .returning();
  return { orgId: org.id, session: session!, secret: credentials.appSecret };
}

/** A `messages` webhook as Meta sends it for a customer's text, signed with `secret`. */
function inboundHook(secret: string, m: { id: string; from: string; text: string }) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6281100000000', phone_number_id: '1065403522' },
              contacts: [{ profile: { name: 'Budi' }, wa_id: m.from }],
              messages: [
                {
                  from: m.from,
                  id: m.id,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: m.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { body, signature };
}

const post = (sessionId: string, hook: { body: string; signature: string }) =>
  webhook(
    new Request(`http://localhost/api/whatsapp/cloud/${sessionId}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hook.signature },
      body: hook.body,
    }),
    { params: Promise.resolve({ id: sessionId }) },
  );

async function linesOf(orgId: string) {
  return db.select().from(conversationMessages).where(eq(conversationMessages.organizationId, orgId));
}

test('a signed inbound text becomes a line of the conversation, with its answer job; a repeat is stored once', async () => {
  const a = await cloudSession('as-cloud');
  const hook = inboundHook(a.secret, { id: `wamid.${randomUUID()}`, from: '6281298765432', text: 'tagihan' });
  assert.equal((await post(a.session.id, hook)).status, 200);
  assert.equal((await post(a.session.id, hook)).status, 200, 'Meta retries: still 200');
  const lines = await linesOf(a.orgId);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.body, 'tagihan');
  assert.equal(lines[0]!.author, 'customer');
  const [c] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, a.orgId), eq(conversations.phone, '6281298765432')));
  assert.equal(c!.sessionId, a.session.id);
  const queued = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.organizationId, a.orgId), eq(jobs.type, 'assistant-reply')));
  assert.equal(queued.length, 1);
  assert.deepEqual(queued[0]!.payload, { lineId: lines[0]!.id });
});

test("a forged signature, or another session's secret, stores nothing", async () => {
  const a = await cloudSession('as-cloud-a');
  const b = await cloudSession('as-cloud-b');
  const forged = inboundHook(`not-${a.secret}`, { id: 'wamid.F', from: '6281298765432', text: 'menu' });
  assert.equal((await post(a.session.id, forged)).status, 401);
  const othersSecret = inboundHook(b.secret, { id: 'wamid.B', from: '6281298765432', text: 'menu' });
  assert.equal((await post(a.session.id, othersSecret)).status, 401);
  assert.equal(
    (await post(randomUUID(), inboundHook(a.secret, { id: 'wamid.U', from: '628129', text: 'x' }))).status,
    404,
  );
  assert.deepEqual(await linesOf(a.orgId), []);
  assert.deepEqual(await linesOf(b.orgId), []);
});
