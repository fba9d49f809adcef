import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, organizations, portalCodes, whatsappSessions } from '@/db/schema';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { normalizePhone } from '@/lib/core/phone';
import { encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { getMessagingSettings, insertDrafts, templateBody } from '@/lib/messaging/queue';
import { renderTemplate } from '@/lib/messaging/templates';
import { AppError } from '@/lib/server/errors';
import { attemptsUsed } from './limits';
import { createPortalSession } from './session';

/**
 * Sign-in by a one-time WhatsApp code. The limits, all in login_attempts (keys `portal:…`,
 * so they hold across restarts and web processes):
 * - a number may ask for CODE_REQUESTS_PER_NUMBER codes, an address for CODE_REQUESTS_PER_IP,
 *   per REQUEST_WINDOW_MINUTES;
 * - a code dies after TRIES_PER_CODE wrong tries or CODE_MINUTES;
 * - FAILURES_PER_NUMBER wrong codes lock the number (even the right code is refused) until
 *   LOCK_WINDOW_MINUTES after the first of them; an address is locked after FAILURES_PER_IP.
 */
export const CODE_MINUTES = 5;
export const TRIES_PER_CODE = 5;
export const CODE_REQUESTS_PER_NUMBER = 5;
export const CODE_REQUESTS_PER_IP = 30;
export const REQUEST_WINDOW_MINUTES = 15;
export const FAILURES_PER_NUMBER = 20;
export const FAILURES_PER_IP = 60;
export const LOCK_WINDOW_MINUTES = 60;

const numberKey = (kind: string, orgId: string, phone: string) => `portal:${kind}:${orgId}:${phone}`;
// An address is limited under its limit key (an IPv6 address's /64: one household picks any address in it).
const ipKey = (kind: string, ip: string | null) => `portal:${kind}-ip:${ip ? limitKey(ip) : 'unknown'}`;

/** The stored form of a code: keyed by the server's secret, so a leaked row cannot be tried offline. */
function codeHash(p: { orgId: string; phone: string; code: string }) {
  return createHmac('sha256', env().APP_ENCRYPTION_KEY)
    .update(`portal-code:${p.orgId}:${p.phone}:${p.code}`)
    .digest('hex');
}

/** Whether the organization can send a code now: a WhatsApp session that is on and connected. */
export async function portalCodeAvailable(db: Db, p: { orgId: string }) {
  const [row] = await db
    .select({ id: whatsappSessions.id })
    .from(whatsappSessions)
    .where(
      and(
        eq(whatsappSessions.organizationId, p.orgId),
        eq(whatsappSessions.enabled, true),
        eq(whatsappSessions.status, 'connected'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Asks for a code for `phone`. The answer is the same whether or not the number is a
 * customer's, and so is the work before it: a code row is written either way, and whether the
 * number is a customer's is looked up only after (`afterAnswer`, the web request's `after()`:
 * the time to answer says nothing about the number). Only a customer's number gets a message.
 * Without `afterAnswer` (scripts, tests) the message is queued before returning.
 * A sign-in code is not marketing: it goes out even to a number that opted out of WhatsApp
 * messages (the person behind the number has just asked for it).
 */
export async function requestPortalCode(
  db: Db,
  p: { orgId: string; phone: string; ip: string | null; afterAnswer?: (work: () => Promise<void>) => void },
) {
  const phone = normalizePhone(p.phone);
  if (!phone) throw new AppError('validation', {}, { phone: 'validation.phone' });
  if (!(await portalCodeAvailable(db, p))) throw new AppError('portal_code_unavailable');
  const numberOk = await consumeAttempt(
    db,
    numberKey('code', p.orgId, phone),
    CODE_REQUESTS_PER_NUMBER,
    REQUEST_WINDOW_MINUTES,
  );
  const ipOk = await consumeAttempt(db, ipKey('code', p.ip), CODE_REQUESTS_PER_IP, REQUEST_WINDOW_MINUTES);
  if (!numberOk || !ipOk) throw new AppError('portal_rate_limited');

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const [row] = await db
    .insert(portalCodes)
    .values({
      organizationId: p.orgId,
      phone,
      codeHash: codeHash({ orgId: p.orgId, phone, code }),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
      ip: p.ip,
    })
    .returning({ id: portalCodes.id });
  const send = () => sendCodeIfCustomer(db, { orgId: p.orgId, phone, code, codeId: row!.id });
  if (p.afterAnswer) p.afterAnswer(send);
  else await send();
  return { phone };
}

/** The code's message, when the number is a customer's of the organization (else nothing). */
async function sendCodeIfCustomer(db: Db, p: { orgId: string; phone: string; code: string; codeId: string }) {
  const [customer] = await db
    .select({ id: customers.id, orgName: organizations.name })
    .from(customers)
    .innerJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(and(eq(customers.organizationId, p.orgId), eq(customers.phone, p.phone)))
    .orderBy(customers.createdAt)
    .limit(1);
  if (!customer) return;
  await db.transaction((tx) => queueCodeMessage(tx, { ...p, customerId: customer.id, orgName: customer.orgName }));
}

/** The code message: the log shows it masked, the dispatcher sends the encrypted full text. */
async function queueCodeMessage(
  db: Db,
  p: { orgId: string; customerId: string; orgName: string; phone: string; code: string; codeId: string },
) {
  const { locale } = await getMessagingSettings(db, p.orgId);
  const template = await templateBody(db, { orgId: p.orgId, category: 'portal_code', locale });
  const values = { 'organization.name': p.orgName, 'code.minutes': String(CODE_MINUTES) };
  await insertDrafts(db, [
    {
      organizationId: p.orgId,
      customerId: p.customerId,
      toPhone: p.phone,
      category: 'portal_code',
      eventKey: `portal_code:${p.codeId}`,
      body: renderTemplate(template, { ...values, 'code.value': '••••••' }),
      bodyEnc: encryptSecret(renderTemplate(template, { ...values, 'code.value': p.code })),
      status: 'queued',
      error: null,
    },
  ]);
}

/** Whether this number or this address is locked by wrong codes (nothing is counted here). */
export async function codeSignInLocked(db: Db, p: { orgId: string; phone: string; ip: string | null }) {
  const [n, i] = await Promise.all([
    attemptsUsed(db, numberKey('fail', p.orgId, p.phone), LOCK_WINDOW_MINUTES),
    attemptsUsed(db, ipKey('fail', p.ip), LOCK_WINDOW_MINUTES),
  ]);
  return n >= FAILURES_PER_NUMBER || i >= FAILURES_PER_IP;
}

/**
 * Checks a code; the right one signs the number in (every customer under it). Any failure
 * (wrong, expired, no code, locked) is the same answer, and a wrong code counts against the
 * number and the address.
 */
export async function verifyPortalCode(
  db: Db,
  p: { orgId: string; phone: string; code: string; ip: string | null; userAgent?: string | null },
) {
  const phone = normalizePhone(p.phone);
  if (!phone || !/^\d{6}$/.test(p.code)) throw new AppError('portal_code_wrong');
  if (await codeSignInLocked(db, { orgId: p.orgId, phone, ip: p.ip })) throw new AppError('portal_rate_limited');
  const ok = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(portalCodes)
      .where(
        and(
          eq(portalCodes.organizationId, p.orgId),
          eq(portalCodes.phone, phone),
          isNull(portalCodes.usedAt),
          gt(portalCodes.expiresAt, sql`now()`),
          lt(portalCodes.attempts, TRIES_PER_CODE),
        ),
      )
      .orderBy(desc(portalCodes.createdAt))
      .limit(1)
      .for('update');
    if (!row) return false;
    const given = Buffer.from(codeHash({ orgId: p.orgId, phone, code: p.code }));
    if (given.length === row.codeHash.length && timingSafeEqual(given, Buffer.from(row.codeHash))) {
      await tx.update(portalCodes).set({ usedAt: sql`now()` }).where(eq(portalCodes.id, row.id));
      return true;
    }
    await tx
      .update(portalCodes)
      .set({ attempts: sql`${portalCodes.attempts} + 1` })
      .where(eq(portalCodes.id, row.id));
    return false;
  });
  if (!ok) {
    await consumeAttempt(db, numberKey('fail', p.orgId, phone), Number.MAX_SAFE_INTEGER, LOCK_WINDOW_MINUTES);
    await consumeAttempt(db, ipKey('fail', p.ip), Number.MAX_SAFE_INTEGER, LOCK_WINDOW_MINUTES);
    throw new AppError('portal_code_wrong');
  }
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.organizationId, p.orgId), eq(customers.phone, phone)))
    .limit(1);
  if (!customer) throw new AppError('portal_code_wrong');
  return createPortalSession(db, { orgId: p.orgId, phone, ip: p.ip, userAgent: p.userAgent });
}
