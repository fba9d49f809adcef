import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import {
  acsTasks,
  auditLogs,
  conversationMessages,
  conversations,
  customers,
  invoices,
  jobs,
  messages,
  messagingSettings,
  outageSubscriptions,
  outages,
  portalSettings,
  subscriptions,
  tickets,
  whatsappSessions,
} from '@/db/schema';
import { answerInboundLine, RATE_LIMIT } from '@/lib/assistant/answer';
import { handleInboundMessage } from '@/lib/assistant/inbound';
import { assistantReply } from '@/lib/assistant/jobs';
import { acsAccess } from '@/lib/fibre/acs/access';
import { findModem } from '@/lib/fibre/acs/devices';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { sendModemTask } from '@/lib/fibre/acs/tasks';
import { openTicket } from '@/lib/tickets/open';
import { startWorker } from '@/workers/runner';
import { makeOrg, makePlan, makeSubscriber, testDb, waitFor } from '../helpers';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '../support/genieacs-nbi';

/**
 * The two-way WhatsApp assistant against real PostgreSQL: a customer's line is stored, its
 * answer job runs in the worker (only this job type), and what the customer would read is
 * the queued message's text. Nothing is sent: the dispatcher's path is the one every
 * message takes (tests/integration/whatsapp-baileys.test.ts sends them over a socket).
 */
const db = testDb();
let nbi: GenieAcsNbi;
let runner: Runner;
let seq = 0;

const uniquePhone = () => `62857${String(Date.now() % 1_000_000).padStart(6, '0')}${++seq}`.slice(0, 13);

async function world(label: string) {
  const o = await makeOrg(db, label);
  // As the plan form saves 20/10 Mbps (routers count 1 M = 1024 k).
  const plan = await makePlan(db, o.org.id, { downloadKbps: 20_480, uploadKbps: 10_240, priceRupiah: 150_000 });
  const phone = uniquePhone();
  const { customer, subscription } = await makeSubscriber(db, o.org.id, { planId: plan.id, routerId: null });
  await db.update(customers).set({ phone }).where(eq(customers.id, customer.id));
  return { ...o, orgId: o.org.id, plan, phone, customer, subscription };
}
type World = Awaited<ReturnType<typeof world>>;

/** The customer writes; the worker runs the answer job; the reply the customer would get (null: none). */
async function write(w: Pick<World, 'orgId'>, phone: string, text: string, over: { id?: string } = {}) {
  const stored = await handleInboundMessage(db, {
    orgId: w.orgId,
    sessionId: null,
    fromPhone: phone,
    text,
    transportMessageId: over.id ?? `wamid.${randomUUID()}`,
    receivedAt: new Date(),
  });
  if (!stored.stored) return { stored, outcome: null, reply: null };
  const job = await waitFor(async () => {
    const [j] = await db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.organizationId, w.orgId),
          eq(jobs.type, assistantReply.name),
          sql`${jobs.payload}->>'lineId' = ${stored.lineId}`,
        ),
      );
    return j && (j.state === 'done' || j.state === 'failed') ? j : null;
  });
  assert.equal(job.state, 'done', job.error ?? '');
  const [msg] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.organizationId, w.orgId), eq(messages.eventKey, `assistant:${stored.lineId}`)));
  return { stored, outcome: (job.result as { outcome?: string }).outcome ?? null, reply: msg ?? null };
}

async function conversationOf(orgId: string, phone: string) {
  const [c] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, orgId), eq(conversations.phone, phone)));
  return c!;
}

async function addInvoice(w: World, over: { total?: number; period?: string; status?: 'unpaid' | 'paid' } = {}) {
  const [row] = await db
    .insert(invoices)
    .values({
      organizationId: w.orgId,
      number: `INV/${randomUUID().slice(0, 6)}`,
      customerId: w.customer.id,
      subscriptionId: w.subscription.id,
      period: over.period ?? '2026-12-01',
      issueDate: over.period ?? '2026-12-01',
      dueDate: (over.period ?? '2026-12-01').replace(/01$/, '20'),
      billingType: 'postpaid',
      subtotal: over.total ?? 150_000,
      tax: 0,
      total: over.total ?? 150_000,
      status: over.status ?? 'unpaid',
    })
    .returning();
  return row!;
}

describe('the WhatsApp assistant', () => {
  before(async () => {
    nbi = await startGenieAcsNbi();
    runner = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      db,
      only: [assistantReply.name],
      log: false,
      schedule: false,
    });
  });
  after(async () => {
    await runner.stop();
    await nbi.close();
  });

  describe('answers to a known customer, in the organization language', () => {
    test('tagihan (and its typo) lists the unpaid invoice with amount, due date and pay link; the lines are in the conversation', async () => {
      const w = await world('as-bill');
      await addInvoice(w);
      await addInvoice(w, { status: 'paid', total: 99_000, period: '2026-11-01' });
      const { reply, outcome } = await write(w, w.phone, 'Cek tagihn dong');
      assert.equal(outcome, 'answered');
      assert.equal(reply!.category, 'assistant');
      assert.equal(reply!.status, 'queued');
      assert.equal(reply!.toPhone, w.phone);
      assert.equal(reply!.customerId, w.customer.id);
      assert.match(reply!.body, /Tagihan yang belum dibayar/);
      assert.match(reply!.body, /Desember 2026: Rp\s?150\.000, jatuh tempo 20 Des/);
      assert.match(reply!.body, /Bayar: http\S+\/i\/[0-9a-f-]{36}\.\S+/);
      assert.ok(!reply!.body.includes('99.000'), 'a paid invoice is not a bill');
      assert.match(reply!.body, new RegExp(`— ${w.org.name}$`), 'the assistant template signs it');
      const c = await conversationOf(w.orgId, w.phone);
      assert.equal(c.customerId, w.customer.id);
      const lines = await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.conversationId, c.id))
        .orderBy(asc(conversationMessages.createdAt));
      assert.deepEqual(
        lines.map((l) => [l.author, l.intent]),
        [
          ['customer', 'bill'],
          ['assistant', 'bill'],
        ],
      );
      assert.equal(lines[1]!.messageId, reply!.id);
      assert.equal(c.needsStaffAt, null);
    });

    test('no bill, pay links, status, plan and menu', async () => {
      const w = await world('as-cmds');
      assert.match((await write(w, w.phone, 'tagihan')).reply!.body, /Tidak ada tagihan yang belum dibayar/);
      await addInvoice(w, { total: 175_000 });
      const pay = (await write(w, w.phone, 'bayar')).reply!.body;
      assert.match(pay, /Link pembayaran/);
      assert.match(pay, /\(Rp\s?175\.000\): http\S+\/i\//);
      assert.match((await write(w, w.phone, 'status')).reply!.body, /aktif, sedang tidak online/);
      const plan = (await write(w, w.phone, 'paket')).reply!.body;
      assert.match(plan, new RegExp(`${w.plan.name}: 20/10 Mbps, Rp\\s?150\\.000 per bulan`));
      const menu = (await write(w, w.phone, 'MENU')).reply!.body;
      for (const word of ['TAGIHAN', 'BAYAR', 'STATUS', 'PAKET', 'LAPOR', 'WIFI', 'STOP'])
        assert.ok(menu.includes(word));
    });

    test('an isolated subscription says why and what to do; English when the organization writes English', async () => {
      const w = await world('as-iso');
      await addInvoice(w);
      await db.update(subscriptions).set({ status: 'isolated' }).where(eq(subscriptions.id, w.subscription.id));
      await db.insert(messagingSettings).values({ organizationId: w.orgId, locale: 'en' });
      const body = (await write(w, w.phone, 'status')).reply!.body;
      assert.match(body, /isolated because a bill is unpaid\. Type BAYAR/);
    });
  });

  describe('strangers, words it does not know, the switch', () => {
    test('an unknown number gets the contact text once a day, and waits for staff', async () => {
      const w = await world('as-stranger');
      const stranger = uniquePhone();
      const first = await write(w, stranger, 'halo, mau pasang internet');
      assert.equal(first.outcome, 'unknown_sender');
      assert.match(first.reply!.body, /belum terdaftar sebagai pelanggan/);
      assert.ok(first.reply!.body.includes(w.org.name));
      assert.equal(first.reply!.customerId, null);
      const second = await write(w, stranger, 'tagihan');
      assert.equal(second.outcome, 'unknown_sender');
      assert.equal(second.reply, null, 'once a day');
      assert.ok((await conversationOf(w.orgId, stranger)).needsStaffAt);
      // The organization's own text, when it has one.
      await db.insert(portalSettings).values({ organizationId: w.orgId, contactText: 'Hubungi kantor kami: 0221234' });
      const other = uniquePhone();
      assert.equal((await write(w, other, 'halo')).reply!.body.split('\n')[0], 'Hubungi kantor kami: 0221234');
    });

    test("another organization's customer with the same number is a stranger here", async () => {
      const a = await world('as-ten-a');
      const b = await world('as-ten-b');
      const r = await write(a, b.phone, 'tagihan');
      assert.equal(r.outcome, 'unknown_sender');
      assert.equal((await conversationOf(a.orgId, b.phone)).customerId, null);
    });

    test('words it does not know: "passed to staff" once, the conversation flagged for the inbox', async () => {
      const w = await world('as-unknown');
      const r = await write(w, w.phone, 'saya sudah bayar kemarin ya');
      assert.equal(r.outcome, 'passed_to_staff');
      assert.match(r.reply!.body, /sudah kami teruskan ke petugas/);
      assert.ok((await conversationOf(w.orgId, w.phone)).needsStaffAt);
      const again = await write(w, w.phone, 'buktinya sudah saya kirim');
      assert.equal(again.outcome, 'silent');
      assert.equal(again.reply, null);
    });

    test('assistant switched off: every line only goes to the inbox', async () => {
      const w = await world('as-off');
      await db.insert(portalSettings).values({ organizationId: w.orgId, assistantEnabled: false });
      const r = await write(w, w.phone, 'tagihan');
      assert.equal(r.outcome, 'assistant_off');
      assert.equal(r.reply, null);
      const c = await conversationOf(w.orgId, w.phone);
      assert.ok(c.needsStaffAt);
      assert.equal(c.unread, 1);
    });
  });

  describe('reports', () => {
    test('lapor opens a WhatsApp ticket for the subscription and answers its number', async () => {
      const w = await world('as-lapor');
      const r = await write(w, w.phone, 'lapor Lampu LOS merah sejak pagi');
      const [ticket] = await db.select().from(tickets).where(eq(tickets.organizationId, w.orgId));
      assert.equal(ticket!.source, 'whatsapp');
      assert.equal(ticket!.subscriptionId, w.subscription.id);
      assert.equal(ticket!.subject, 'Lampu LOS merah sejak pagi');
      assert.equal(ticket!.reporterPhone, w.phone);
      const number = `T-${String(ticket!.number).padStart(6, '0')}`;
      assert.match(r.reply!.body, new RegExp(`nomor tiket ${number}`));
      assert.equal((await conversationOf(w.orgId, w.phone)).ticketId, ticket!.id);
      const [audit] = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.action, 'assistant.report')));
      assert.equal(audit!.actorUserId, null);
      assert.equal(audit!.data.channel, 'whatsapp');
      assert.equal(audit!.data.phone, w.phone);
    });

    test('inside an open outage, "internet mati" joins the incident and says so', async () => {
      const w = await world('as-outage');
      const { ticket: incident } = await openTicket(db, {
        orgId: w.orgId,
        actorUserId: null,
        source: 'outage',
        kind: 'incident',
        category: 'no_internet',
        subject: 'ODP-7 mati',
      });
      const [outage] = await db
        .insert(outages)
        .values({
          organizationId: w.orgId,
          elementType: 'odp',
          elementId: randomUUID(),
          elementLabel: 'ODP-7',
          status: 'open',
          source: 'manual',
          startedAt: new Date(),
          ticketId: incident.id,
        })
        .returning();
      await db.insert(outageSubscriptions).values({
        organizationId: w.orgId,
        outageId: outage!.id,
        subscriptionId: w.subscription.id,
        customerId: w.customer.id,
      });
      const r = await write(w, w.phone, 'min internet mati dari pagi');
      assert.match(r.reply!.body, /ada gangguan jaringan di area Anda/);
      assert.ok(r.reply!.body.includes(`T-${String(incident.number).padStart(6, '0')}`));
      const all = await db.select().from(tickets).where(eq(tickets.organizationId, w.orgId));
      assert.equal(all.length, 1, 'no second ticket');
    });
  });

  describe('WiFi change through the modem (GenieACS NBI stand-in)', () => {
    async function withModem(label: string) {
      const w = await world(label);
      await saveAcsSettings(db, {
        orgId: w.orgId,
        actorUserId: w.admin.user.id,
        ip: null,
        input: {
          nbiUrl: nbi.url,
          nbiUsername: nbi.username,
          nbiPassword: nbi.password,
          acsUrl: 'http://acs.example.net:7547',
          cwmpUsername: 'cpe',
          cwmpPassword: 'cwmp-rahasia',
        },
      });
      const serial = `ASST${randomUUID().slice(0, 8).toUpperCase()}`;
      const deviceId = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial, params: tr098Params() });
      const device = await findModem(db, acsAccess(db), { orgId: w.orgId, subscriptionId: w.subscription.id, serial });
      assert.ok(device);
      return { ...w, deviceId, device };
    }

    test('wifi <name> <password> asks for YA; YA queues the modem task; the modem gets the new SSID', async () => {
      const w = await withModem('as-wifi');
      const ask = await write(w, w.phone, 'wifi Rumah Budi rahasia123');
      assert.match(ask.reply!.body, /Ganti WiFi menjadi "Rumah Budi" dengan sandi baru\? Balas YA dalam 10 menit/);
      // The password is nowhere in clear: not in the stored line, not in the reply.
      const lines = await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.organizationId, w.orgId));
      assert.ok(lines.some((l) => l.body === 'wifi Rumah Budi ••••••'));
      assert.ok(!JSON.stringify(lines).includes('rahasia123'));
      assert.equal((await db.select().from(acsTasks).where(eq(acsTasks.organizationId, w.orgId))).length, 0);

      const yes = await write(w, w.phone, 'ya');
      assert.match(yes.reply!.body, /WiFi diganti menjadi "Rumah Budi"/);
      const [task] = await db.select().from(acsTasks).where(eq(acsTasks.organizationId, w.orgId));
      assert.equal(task!.kind, 'wifi');
      assert.equal(task!.requestedBy, null);
      assert.deepEqual(await sendModemTask(db, acsAccess(db), { orgId: w.orgId, taskId: task!.id }), {
        status: 'done',
      });
      assert.equal(nbi.value(w.deviceId, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'), 'Rumah Budi');
      assert.equal(
        nbi.value(w.deviceId, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase'),
        'rahasia123',
      );
      const audit = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.action, 'acs_task.requested')));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actorUserId, null);
      assert.equal(audit[0]!.data.channel, 'whatsapp');
      assert.equal(audit[0]!.data.password24, '••••••••');
      assert.ok(!JSON.stringify(audit).includes('rahasia123'));
      // A second YA has nothing to confirm.
      assert.match((await write(w, w.phone, 'YA')).reply!.body, /Tidak ada permintaan yang menunggu konfirmasi/);
    });

    test('YA after ten minutes changes nothing; a bad password and no modem are explained', async () => {
      const w = await withModem('as-wifi-late');
      await write(w, w.phone, 'wifi Kos rahasia-99');
      const c = await conversationOf(w.orgId, w.phone);
      const at = new Date(Date.now() - 11 * 60_000).toISOString();
      await db
        .update(conversations)
        .set({ assistantPending: { ...c.assistantPending!, at } })
        .where(eq(conversations.id, c.id));
      const late = await write(w, w.phone, 'YA');
      assert.match(late.reply!.body, /sudah lewat 10 menit/);
      assert.equal((await db.select().from(acsTasks).where(eq(acsTasks.organizationId, w.orgId))).length, 0);
      assert.match((await write(w, w.phone, 'wifi Kos pendek')).reply!.body, /sandi 8–63 karakter/);
      const bare = await world('as-wifi-none');
      assert.match(
        (await write(bare, bare.phone, 'wifi Kos rahasia-99')).reply!.body,
        /belum bisa diatur dari jarak jauh/,
      );
      assert.match((await write(bare, bare.phone, 'ganti password')).reply!.body, /WIFI <nama> <sandi>/);
    });
  });

  describe('limits', () => {
    test(`more than ${RATE_LIMIT.answers} answers in ten minutes: silence and the inbox`, async () => {
      const w = await world('as-rate');
      const outcomes: (string | null)[] = [];
      for (let i = 0; i < RATE_LIMIT.answers + 2; i++) outcomes.push((await write(w, w.phone, 'menu')).outcome);
      assert.equal(outcomes.filter((o) => o === 'answered').length, RATE_LIMIT.answers);
      assert.deepEqual(outcomes.slice(-2), ['rate_limited', 'rate_limited']);
      assert.ok((await conversationOf(w.orgId, w.phone)).needsStaffAt);
    });

    test('stop opts the customer out (audited, nothing answered) until mulai', async () => {
      const w = await world('as-stop');
      const stop = await write(w, w.phone, 'STOP');
      assert.equal(stop.reply, null);
      const [c] = await db.select().from(customers).where(eq(customers.id, w.customer.id));
      assert.equal(c!.whatsappOptOut, true);
      const [audit] = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.action, 'customer.whatsapp_opt_out')));
      assert.equal(audit!.actorUserId, null);
      assert.deepEqual([audit!.data.channel, audit!.data.phone], ['whatsapp', w.phone]);
      const bill = await write(w, w.phone, 'tagihan');
      assert.equal(bill.outcome, 'opted_out');
      assert.equal(bill.reply, null);
      // Nothing is sent, so the line waits in the inbox for a person.
      const [waiting] = await db
        .select({ needsStaffAt: conversations.needsStaffAt })
        .from(conversations)
        .where(and(eq(conversations.organizationId, w.orgId), eq(conversations.phone, w.phone)));
      assert.ok(waiting!.needsStaffAt);
      const start = await write(w, w.phone, 'mulai');
      assert.match(start.reply!.body, /kembali menerima pesan WhatsApp/);
      assert.equal(start.reply!.status, 'queued', 'the opt-in confirmation goes out');
      const [again] = await db.select().from(customers).where(eq(customers.id, w.customer.id));
      assert.equal(again!.whatsappOptOut, false);
    });

    test('a redelivered message is stored and answered once; a retried job answers once', async () => {
      const w = await world('as-dup');
      const id = `wamid.${randomUUID()}`;
      const first = await write(w, w.phone, 'paket', { id });
      const second = await write(w, w.phone, 'paket', { id });
      assert.equal(first.stored.stored, true);
      assert.equal(second.stored.stored, false);
      const c = await conversationOf(w.orgId, w.phone);
      const lines = await db.select().from(conversationMessages).where(eq(conversationMessages.conversationId, c.id));
      assert.equal(lines.filter((l) => l.author === 'customer').length, 1);
      const retried = await answerInboundLine(db, { orgId: w.orgId, lineId: first.stored.lineId! });
      assert.equal(retried.outcome, 'already_answered');
      const sent = await db.select().from(messages).where(eq(messages.organizationId, w.orgId));
      assert.equal(sent.length, 1);
    });

    test("the organization's own session number is never answered", async () => {
      const w = await world('as-own');
      const own = uniquePhone();
      await db
        .insert(whatsappSessions)
        .values({ organizationId: w.orgId, name: 'Kantor', transport: 'baileys', enabled: false, phone: own });
      const r = await write(w, own, 'menu');
      assert.deepEqual(r.stored, { stored: false, reason: 'own_number' });
    });
  });
});
