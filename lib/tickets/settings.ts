import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { TICKET_PRIORITIES } from '@/db/enums';
import { memberships, slaPolicies, supportSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { assignableMembers } from './mutations';
import type { supportSettingsSchema } from './schemas';
import { DEFAULT_SLA_TARGETS, DEFAULT_WORKING_HOURS } from './sla';

/** Targets per priority (the organization's, else the defaults), working hours, escalation member. */
export async function getSupportSettings(db: Db, p: { orgId: string }) {
  const [s] = await db.select().from(supportSettings).where(eq(supportSettings.organizationId, p.orgId));
  const rows = await db.select().from(slaPolicies).where(eq(slaPolicies.organizationId, p.orgId));
  return {
    policies: TICKET_PRIORITIES.map((priority) => {
      const own = rows.find((r) => r.priority === priority);
      return { priority, ...(own ?? DEFAULT_SLA_TARGETS[priority]) };
    }),
    workingHours: s?.workingHours ?? DEFAULT_WORKING_HOURS,
    escalationUserId: s?.escalationUserId ?? null,
    askRating: s?.askRating ?? true,
    members: (await assignableMembers(db, p.orgId)).map((m) => ({ id: m.id, name: m.name })),
  };
}

/** Saves the settings; open tickets keep the targets they were given when they opened. */
export async function saveSupportSettings(db: Db, p: Actor & z.output<typeof supportSettingsSchema>) {
  return db.transaction(async (tx) => {
    if (p.escalationUserId) {
      const [m] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.organizationId, p.orgId),
            eq(memberships.userId, p.escalationUserId),
            eq(memberships.active, true),
          ),
        );
      if (!m) throw new AppError('validation', {}, { escalationUserId: 'tickets.errors.assigneeNotMember' });
    }
    const workingHours = { days: [...new Set(p.days)].sort(), start: p.start, end: p.end };
    await tx
      .insert(supportSettings)
      .values({
        organizationId: p.orgId,
        workingHours,
        escalationUserId: p.escalationUserId ?? null,
        askRating: p.askRating,
      })
      .onConflictDoUpdate({
        target: supportSettings.organizationId,
        set: {
          workingHours,
          escalationUserId: p.escalationUserId ?? null,
          askRating: p.askRating,
          updatedAt: new Date(),
        },
      });
    for (const policy of p.policies) {
      await tx
        .insert(slaPolicies)
        .values({ organizationId: p.orgId, ...policy })
        .onConflictDoUpdate({
          target: [slaPolicies.organizationId, slaPolicies.priority],
          set: { firstResponseMinutes: policy.firstResponseMinutes, resolutionMinutes: policy.resolutionMinutes },
        });
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'support.settings_updated',
      entityType: 'organization',
      entityId: p.orgId,
      data: {
        workingHours,
        policies: p.policies,
        escalationUserId: p.escalationUserId ?? null,
        askRating: p.askRating,
      },
    });
    return { ok: true };
  });
}
