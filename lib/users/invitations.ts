import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invitations, memberships, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { AssignableRole } from '@/lib/auth/permissions';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { AppError } from '@/lib/server/errors';
import { hashPassword } from './password';

const INVITATION_DAYS = 7;

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

/** Returns the one-time token; the admin copies the link (or, later, sends it by WhatsApp). */
export async function inviteUser(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; email: string; role: AssignableRole },
) {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, p.orgId), eq(users.email, p.email)));
    if (member) throw new AppError('already_member');
    const token = randomBytes(24).toString('base64url');
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organizationId: p.orgId,
        email: p.email,
        role: p.role,
        tokenHash: hashToken(token),
        invitedBy: p.actorUserId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'user.invited',
      entityType: 'invitation',
      entityId: invitation!.id,
      ip: p.ip,
      data: { email: p.email, role: p.role },
    });
    return { invitationId: invitation!.id, token, expiresAt: invitation!.expiresAt };
  });
}

export async function revokeInvitation(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; invitationId: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.id, p.invitationId),
          eq(invitations.organizationId, p.orgId),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'user.invitation_revoked',
      entityType: 'invitation',
      entityId: row.id,
      ip: p.ip,
      data: { email: row.email },
    });
  });
}

export async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organizationId: invitations.organizationId,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

/**
 * A new person accepts by choosing their name and password. An email that already has an
 * account never gets a second one and never proves itself here with its password: that
 * person signs in first and accepts with acceptInvitationAsUser.
 */
export async function acceptInvitation(
  db: Db,
  p: { token: string; name: string; password: string; ip: string | null },
) {
  return db.transaction(async (tx) => {
    const invitation = await findOpenInvitation(tx, p.token);
    if (!invitation) throw new AppError('invitation_invalid');
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
    if (existing) throw new AppError('invitation_sign_in');
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: p.name, passwordHash: await hashPassword(p.password) })
      .returning();
    return joinOrganization(tx, invitation, user!, p.ip);
  });
}

/** A signed-in user accepts an invitation made out to their own email. */
export async function acceptInvitationAsUser(db: Db, p: { token: string; userId: string; ip: string | null }) {
  return db.transaction(async (tx) => {
    const invitation = await findOpenInvitation(tx, p.token);
    if (!invitation) throw new AppError('invitation_invalid');
    const [user] = await tx.select().from(users).where(eq(users.id, p.userId));
    if (!user?.active) throw new AppError('unauthenticated');
    if (user.email !== invitation.email.toLowerCase())
      throw new AppError('invitation_other_account', { email: invitation.email });
    return joinOrganization(tx, invitation, user, p.ip);
  });
}

type OpenInvitation = NonNullable<Awaited<ReturnType<typeof findOpenInvitation>>>;

/**
 * Joins with an invitation. The invitation is claimed first, in the statement that checks it
 * is still open, so a link revoked (or used) a moment ago fails here even though it was open
 * when the page read it. The person's other open invitations to this organization are
 * revoked: a second link must not let a member who is deactivated later walk back in.
 */
async function joinOrganization(
  tx: Db,
  invitation: OpenInvitation,
  user: { id: string; email: string },
  ip: string | null,
) {
  const [claimed] = await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()` })
    .where(
      and(
        eq(invitations.id, invitation.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: invitations.id });
  if (!claimed) throw new AppError('invitation_invalid');
  const otherLinksRevoked = await revokeOpenInvitations(tx, {
    orgId: invitation.organizationId,
    email: invitation.email,
  });
  await tx
    .insert(memberships)
    .values({ organizationId: invitation.organizationId, userId: user.id, role: invitation.role })
    .onConflictDoUpdate({
      target: [memberships.organizationId, memberships.userId],
      set: { role: invitation.role, active: true },
    });
  // A technician carries a bag of stock from their first day (lib/inventory).
  if (invitation.role === 'technician')
    await ensureTechnicianBag(tx, { orgId: invitation.organizationId, userId: user.id });
  await recordAudit(tx, {
    orgId: invitation.organizationId,
    actorUserId: user.id,
    action: 'user.joined',
    entityType: 'user',
    entityId: user.id,
    ip,
    data: { email: invitation.email, role: invitation.role, ...(otherLinksRevoked ? { otherLinksRevoked } : {}) },
  });
  return { userId: user.id, email: user.email, organizationId: invitation.organizationId };
}

/** Revokes every open invitation for `email` to the organization (on joining, on deactivation). */
export async function revokeOpenInvitations(tx: Db, p: { orgId: string; email: string }): Promise<number> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(invitations.organizationId, p.orgId),
        sql`lower(${invitations.email}) = lower(${p.email})`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}
