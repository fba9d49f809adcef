import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, organizations, portalSessions } from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';

/** The portal cookie's name; its value is a random token, only the token's hash is stored. */
export const PORTAL_COOKIE = 'jaring_portal';
export const PORTAL_SESSION_DAYS = 30;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Signs a visitor in: by phone number (every customer under it) or as one customer. */
export async function createPortalSession(
  db: Db,
  p: { orgId: string; phone?: string | null; customerId?: string | null; ip: string | null; userAgent?: string | null },
) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + PORTAL_SESSION_DAYS * 86_400_000);
  const [row] = await db
    .insert(portalSessions)
    .values({
      organizationId: p.orgId,
      tokenHash: hashOf(token),
      phone: p.phone ? normalizePhone(p.phone) : null,
      customerId: p.customerId ?? null,
      ip: p.ip,
      userAgent: p.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    })
    .returning({ id: portalSessions.id });
  return { token, sessionId: row!.id, expiresAt };
}

export type PortalVisitor = {
  sessionId: string;
  orgId: string;
  phone: string | null;
  /** The organization's customers this visitor may see, oldest first. */
  customerIds: string[];
};

/**
 * The visitor behind a cookie token, in this organization only (a token of another
 * organization's portal is no visitor here). A session whose phone no longer matches any
 * customer is no visitor either: the portal shows the sign-in again.
 */
export async function portalVisitor(db: Db, p: { orgId: string; token: string | undefined | null }) {
  if (!p.token || p.token.length > 200) return null;
  const [s] = await db
    .select()
    .from(portalSessions)
    .innerJoin(organizations, eq(organizations.id, portalSessions.organizationId))
    .where(
      and(
        eq(portalSessions.tokenHash, hashOf(p.token)),
        eq(portalSessions.organizationId, p.orgId),
        gt(portalSessions.expiresAt, sql`now()`),
        eq(organizations.status, 'active'),
      ),
    );
  if (!s) return null;
  const session = s.portal_sessions;
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, p.orgId),
        session.customerId ? eq(customers.id, session.customerId) : eq(customers.phone, session.phone ?? ''),
      ),
    )
    .orderBy(customers.createdAt, customers.id);
  if (rows.length === 0) return null;
  // Seen at most once a minute: a page view is no write.
  await db
    .update(portalSessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(portalSessions.id, session.id), sql`${portalSessions.lastSeenAt} < now() - interval '1 minute'`));
  return {
    sessionId: session.id,
    orgId: p.orgId,
    phone: session.phone,
    customerIds: rows.map((r) => r.id),
  } satisfies PortalVisitor;
}

export async function endPortalSession(db: Db, p: { orgId: string; token: string }) {
  await db
    .delete(portalSessions)
    .where(and(eq(portalSessions.organizationId, p.orgId), eq(portalSessions.tokenHash, hashOf(p.token))));
}

/** The browser's previous portal session ends when it signs in again (whichever organization's it was). */
export async function replacedPortalSession(db: Db, token: string | undefined) {
  if (!token || token.length > 200) return;
  await db.delete(portalSessions).where(eq(portalSessions.tokenHash, hashOf(token)));
}

/** Every portal session of these customers ends (a password change, staff's "sign out the customer"). */
export async function endCustomerPortalSessions(
  db: Db,
  p: { orgId: string; customerId: string; phone?: string | null },
) {
  await db
    .delete(portalSessions)
    .where(
      and(
        eq(portalSessions.organizationId, p.orgId),
        p.phone ? eq(portalSessions.phone, p.phone) : eq(portalSessions.customerId, p.customerId),
      ),
    );
}

/** Keeps the table small: expired sessions go (called from a periodic pass). */
export async function prunePortalSessions(db: Db) {
  await db.delete(portalSessions).where(sql`${portalSessions.expiresAt} < now()`);
}
