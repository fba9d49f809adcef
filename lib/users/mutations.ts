import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { AssignableRole } from '@/lib/auth/permissions';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { revokeOpenInvitations } from './invitations';

async function loadMembership(db: Db, orgId: string, membershipId: string) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, orgId)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

/** An organization must keep at least one active admin, or nobody could manage it. */
async function assertAnotherActiveAdmin(db: Db, orgId: string, membershipId: string) {
  const [other] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, orgId),
        eq(memberships.role, 'admin'),
        eq(memberships.active, true),
        ne(memberships.id, membershipId),
      ),
    )
    .limit(1);
  if (!other) throw new AppError('last_admin');
}

export async function changeMemberRole(db: Db, p: Actor & { membershipId: string; role: AssignableRole }) {
  return db.transaction(async (tx) => {
    const member = await loadMembership(tx, p.orgId, p.membershipId);
    if (member.userId === p.actorUserId) throw new AppError('self_change');
    if (member.role === 'admin' && p.role !== 'admin') await assertAnotherActiveAdmin(tx, p.orgId, member.id);
    await tx.update(memberships).set({ role: p.role }).where(eq(memberships.id, member.id));
    // A technician carries a bag of stock from their first day (lib/inventory).
    if (p.role === 'technician') await ensureTechnicianBag(tx, { orgId: p.orgId, userId: member.userId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'user.role_changed',
      entityType: 'membership',
      entityId: member.id,
      ip: p.ip,
      data: { from: member.role, to: p.role },
    });
  });
}

export async function setMemberActive(db: Db, p: Actor & { membershipId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const member = await loadMembership(tx, p.orgId, p.membershipId);
    if (member.userId === p.actorUserId) throw new AppError('self_change');
    if (!p.active && member.role === 'admin') await assertAnotherActiveAdmin(tx, p.orgId, member.id);
    await tx.update(memberships).set({ active: p.active }).where(eq(memberships.id, member.id));
    let invitationsRevoked = 0;
    if (!p.active) {
      // An invitation still open for this person would otherwise let them rejoin on their own.
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, member.userId));
      if (user) invitationsRevoked = await revokeOpenInvitations(tx, { orgId: p.orgId, email: user.email });
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: p.active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'membership',
      entityId: member.id,
      ip: p.ip,
      ...(invitationsRevoked ? { data: { invitationsRevoked } } : {}),
    });
  });
}
