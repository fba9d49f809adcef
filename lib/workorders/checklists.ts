import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { WORK_ORDER_TYPES, type WorkOrderType } from '@/db/enums';
import { checklistTemplates, messagingSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Locale } from '@/lib/i18n/config';
import type { Actor } from '@/lib/server/operation';
import { checklistLines, DEFAULT_CHECKLISTS } from './constants';

export type ChecklistTemplateView = { type: WorkOrderType; items: string[]; requiredPhotos: number; custom: boolean };

/** The language the organization writes to customers in: the built-in checklists follow it. */
async function orgLocale(db: Db, orgId: string): Promise<Locale> {
  const [row] = await db
    .select({ locale: messagingSettings.locale })
    .from(messagingSettings)
    .where(eq(messagingSettings.organizationId, orgId));
  return row?.locale === 'en' ? 'en' : 'id';
}

/** Every type's checklist: the organization's own where written, else the built-in one. */
export async function listChecklistTemplates(db: Db, p: { orgId: string }): Promise<ChecklistTemplateView[]> {
  const [rows, locale] = await Promise.all([
    db.select().from(checklistTemplates).where(eq(checklistTemplates.organizationId, p.orgId)),
    orgLocale(db, p.orgId),
  ]);
  return WORK_ORDER_TYPES.map((type) => {
    const own = rows.find((r) => r.type === type);
    return own
      ? { type, items: own.items, requiredPhotos: own.requiredPhotos, custom: true }
      : {
          type,
          items: DEFAULT_CHECKLISTS[type].items[locale],
          requiredPhotos: DEFAULT_CHECKLISTS[type].requiredPhotos,
          custom: false,
        };
  });
}

/** The checklist a new work order of this type copies (later template edits leave it alone). */
export async function checklistTemplateFor(db: Db, p: { orgId: string; type: WorkOrderType }) {
  const [own] = await db
    .select()
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.organizationId, p.orgId), eq(checklistTemplates.type, p.type)));
  if (own) return { items: own.items, requiredPhotos: own.requiredPhotos };
  const locale = await orgLocale(db, p.orgId);
  return { items: DEFAULT_CHECKLISTS[p.type].items[locale], requiredPhotos: DEFAULT_CHECKLISTS[p.type].requiredPhotos };
}

export async function saveChecklistTemplate(
  db: Db,
  p: Actor & { type: WorkOrderType; items: string; requiredPhotos: number },
) {
  const items = checklistLines(p.items);
  return db.transaction(async (tx) => {
    await tx
      .insert(checklistTemplates)
      .values({ organizationId: p.orgId, type: p.type, items, requiredPhotos: p.requiredPhotos })
      .onConflictDoUpdate({
        target: [checklistTemplates.organizationId, checklistTemplates.type],
        set: { items, requiredPhotos: p.requiredPhotos, updatedAt: sql`now()` },
      });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.checklist_saved',
      entityType: 'checklist_template',
      data: { type: p.type, items: items.length, requiredPhotos: p.requiredPhotos },
    });
    return { type: p.type, items, requiredPhotos: p.requiredPhotos };
  });
}

/** Back to the built-in checklist for a type. */
export async function resetChecklistTemplate(db: Db, p: Actor & { type: WorkOrderType }) {
  return db.transaction(async (tx) => {
    await tx
      .delete(checklistTemplates)
      .where(and(eq(checklistTemplates.organizationId, p.orgId), eq(checklistTemplates.type, p.type)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.checklist_reset',
      entityType: 'checklist_template',
      data: { type: p.type },
    });
    return { type: p.type };
  });
}
