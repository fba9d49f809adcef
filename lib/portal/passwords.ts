import { randomBytes } from 'node:crypto';
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, portalAccounts, portalSessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { AppError } from '@/lib/server/errors';
import { hashPassword, verifyPassword } from '@/lib/users/password';
import { FAILURES_PER_IP, FAILURES_PER_NUMBER, LOCK_WINDOW_MINUTES } from './codes';
import { attemptsUsed } from './limits';
import { type PortalCtx, portalAuditData } from './operation';
import { createPortalSession } from './session';

/**
 * Sign-in by customer number + password: the same bcrypt as staff (lib/users/password.ts),
 * the same limits as a code (FAILURES_PER_NUMBER wrong passwords lock the customer number
 * for LOCK_WINDOW_MINUTES; an address after FAILURES_PER_IP).
 */
const numberKey = (orgId: string, n: number) => `portal:pw:${orgId}:${n}`;
// An IPv6 address is limited by its /64 (lib/auth/ip.ts limitKey), as every other limit.
const ipKey = (ip: string | null) => `portal:pw-ip:${ip ? limitKey(ip) : 'unknown'}`;

/** "C-000042", "c42", "42" → 42; null for anything else. */
export function parseCustomerNumber(input: string): number | null {
  const m = /^\s*(?:c-?)?0*(\d{1,9})\s*$/i.exec(input);
  return m ? Number(m[1]) : null;
}

let dummyHash: Promise<string> | undefined;
/** An unknown number costs the same bcrypt work as a known one. */
const nobodysHash = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64')));

export async function passwordSignIn(
  db: Db,
  p: { orgId: string; customerNumber: string; password: string; ip: string | null; userAgent?: string | null },
) {
  const number = parseCustomerNumber(p.customerNumber);
  if (number === null) throw new AppError('portal_password_wrong');
  const [usedN, usedIp] = await Promise.all([
    attemptsUsed(db, numberKey(p.orgId, number), LOCK_WINDOW_MINUTES),
    attemptsUsed(db, ipKey(p.ip), LOCK_WINDOW_MINUTES),
  ]);
  if (usedN >= FAILURES_PER_NUMBER || usedIp >= FAILURES_PER_IP) throw new AppError('portal_rate_limited');
  const [row] = await db
    .select({ id: customers.id, hash: portalAccounts.passwordHash })
    .from(customers)
    .innerJoin(
      portalAccounts,
      and(eq(portalAccounts.customerId, customers.id), eq(portalAccounts.organizationId, p.orgId)),
    )
    .where(and(eq(customers.organizationId, p.orgId), eq(customers.number, number)));
  const ok = await verifyPassword(p.password, row?.hash ?? (await nobodysHash()));
  if (!row || !ok) {
    await consumeAttempt(db, numberKey(p.orgId, number), Number.MAX_SAFE_INTEGER, LOCK_WINDOW_MINUTES);
    await consumeAttempt(db, ipKey(p.ip), Number.MAX_SAFE_INTEGER, LOCK_WINDOW_MINUTES);
    throw new AppError('portal_password_wrong');
  }
  return createPortalSession(db, { orgId: p.orgId, customerId: row.id, ip: p.ip, userAgent: p.userAgent });
}

/** Which of the visitor's customers have a portal password, by id. */
export async function portalPasswordState(db: Db, p: { orgId: string; customerIds: string[] }) {
  if (p.customerIds.length === 0) return [];
  const rows = await db
    .select({
      id: customers.id,
      number: customers.number,
      name: customers.name,
      setAt: portalAccounts.passwordSetAt,
    })
    .from(customers)
    .leftJoin(
      portalAccounts,
      and(eq(portalAccounts.customerId, customers.id), eq(portalAccounts.organizationId, p.orgId)),
    )
    .where(and(eq(customers.organizationId, p.orgId), inArray(customers.id, p.customerIds)))
    .orderBy(customers.number);
  return rows;
}

/**
 * Sets or changes one of the visitor's customers' password. A visitor signed in by password
 * gives the current one; one signed in by a WhatsApp code has just proven the number. Every
 * other portal session of that customer (its number's and its own) ends.
 */
export async function setPortalPassword(
  ctx: PortalCtx,
  p: { customerId: string; password: string; currentPassword?: string },
) {
  const { db, orgId } = ctx;
  if (!ctx.customerIds.includes(p.customerId)) throw new AppError('not_found');
  if (!(await consumeAttempt(db, `portal:pwset:${ctx.sessionId}`, 10, LOCK_WINDOW_MINUTES)))
    throw new AppError('portal_rate_limited');
  const [customer] = await db
    .select({ id: customers.id, phone: customers.phone, hash: portalAccounts.passwordHash })
    .from(customers)
    .leftJoin(
      portalAccounts,
      and(eq(portalAccounts.customerId, customers.id), eq(portalAccounts.organizationId, orgId)),
    )
    .where(and(eq(customers.organizationId, orgId), eq(customers.id, p.customerId)));
  if (!customer) throw new AppError('not_found');
  if (!ctx.phone && customer.hash && !(await verifyPassword(p.currentPassword ?? '', customer.hash)))
    throw new AppError('validation', {}, { currentPassword: 'portal.validation.currentWrong' });
  const passwordHash = await hashPassword(p.password);
  await db.transaction(async (tx) => {
    await tx
      .insert(portalAccounts)
      .values({ customerId: customer.id, organizationId: orgId, passwordHash })
      .onConflictDoUpdate({ target: portalAccounts.customerId, set: { passwordHash, passwordSetAt: new Date() } });
    await tx
      .delete(portalSessions)
      .where(
        and(
          eq(portalSessions.organizationId, orgId),
          ne(portalSessions.id, ctx.sessionId),
          or(eq(portalSessions.customerId, customer.id), eq(portalSessions.phone, customer.phone)),
        ),
      );
    await recordAudit(tx, {
      orgId,
      actorUserId: null,
      ip: ctx.ip,
      action: customer.hash ? 'portal.password_changed' : 'portal.password_set',
      entityType: 'customer',
      entityId: customer.id,
      data: portalAuditData(ctx),
    });
  });
  return { changed: Boolean(customer.hash) };
}
