import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { ON_HAND_LOCATION_KINDS } from '@/db/enums';
import { inventoryItems, memberships, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { normalizePhone } from '@/lib/core/phone';
import { env } from '@/lib/env';
import { translate } from '@/lib/i18n/translate';
import { type PassLog, runOrganizationTask, SILENT } from '@/lib/jobs/task-status';
import { draftFor, getMessagingSettings, insertDrafts } from '@/lib/messaging/queue';
import { lowStockItems } from './low-stock';

/**
 * The low-stock pass (every 10 minutes with the messaging tick, workers/inventory-tick.ts).
 * An item whose on hand (warehouses, shelves, bags) falls below its minimum is alerted once:
 * one WhatsApp per shortage to each active warehouse-role member with a phone, and
 * `low_stock_alerted_at` is set. When the item is back at or above its minimum the mark is
 * cleared, so the next shortage alerts again. Items are locked and skipped when another
 * worker holds them, so two workers never alert twice.
 */
export async function alertLowStock(db: Db, p: { orgId: string; now?: Date }) {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const kinds = sql.join(
      ON_HAND_LOCATION_KINDS.map((k) => sql`${k}`),
      sql`, `,
    );
    const recovered = await tx.execute<{ id: string }>(sql`
      update inventory_items i set low_stock_alerted_at = null
      where i.organization_id = ${p.orgId} and i.low_stock_alerted_at is not null
        and (not i.active or i.min_stock = 0 or coalesce((
          select sum(l.quantity) from stock_levels l
          join stock_locations s on s.id = l.location_id and s.organization_id = l.organization_id
          where l.organization_id = i.organization_id and l.item_id = i.id and s.kind in (${kinds})
        ), 0) >= i.min_stock)
      returning i.id`);
    const short = (await lowStockItems(tx, { orgId: p.orgId })).filter((i) => !i.alertedAt);
    if (short.length === 0) return { alerted: 0, notices: 0, recovered: recovered.length };
    // Only the items this worker could lock: another pass already alerting one skips it here.
    const locked = await tx
      .select({ id: inventoryItems.id })
      .from(inventoryItems)
      .where(
        and(
          eq(inventoryItems.organizationId, p.orgId),
          inArray(
            inventoryItems.id,
            short.map((i) => i.id),
          ),
          sql`${inventoryItems.lowStockAlertedAt} is null`,
        ),
      )
      .for('update', { skipLocked: true });
    const mine = new Set(locked.map((l) => l.id));
    const items = short.filter((i) => mine.has(i.id));
    if (items.length === 0) return { alerted: 0, notices: 0, recovered: recovered.length };
    const staff = await warehouseStaff(tx, p.orgId);
    const { locale } = await getMessagingSettings(tx, p.orgId);
    const drafts = items.flatMap((item) =>
      staff.map((s) =>
        draftFor({
          orgId: p.orgId,
          customer: { id: '', phone: s.phone, whatsappOptOut: false },
          category: 'support',
          eventKey: `low_stock:${item.id}:${now.toISOString()}:${s.userId}`,
          body: translate(locale, 'inventoryCounts.whatsapp.lowStock', {
            name: s.name,
            item: item.name,
            sku: item.sku,
            onHand: item.onHand,
            minStock: item.minStock,
            unit: translate(locale, `inventoryCounts.units.${item.unit}`),
            link: `${env().APP_URL}/inventory/low-stock`,
          }),
        }),
      ),
    );
    // A staff member has no customer row: the message keeps customer_id null.
    const notices = await insertDrafts(
      tx,
      drafts.map((d) => ({ ...d, customerId: null })),
    );
    for (const item of items) {
      await tx
        .update(inventoryItems)
        .set({ lowStockAlertedAt: now })
        .where(and(eq(inventoryItems.id, item.id), eq(inventoryItems.organizationId, p.orgId)));
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: null,
        action: 'low_stock.alerted',
        entityType: 'inventory_item',
        entityId: item.id,
        data: { onHand: item.onHand, minStock: item.minStock, notified: staff.map((s) => s.userId) },
      });
    }
    return { alerted: items.length, notices, recovered: recovered.length };
  });
}

/** Active warehouse-role members with a usable phone on their account. */
async function warehouseStaff(db: Db, orgId: string) {
  const rows = await db
    .select({ userId: users.id, name: users.name, phone: users.phone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, orgId),
        eq(memberships.role, 'warehouse'),
        eq(memberships.active, true),
        isNotNull(users.phone),
      ),
    );
  return rows
    .filter((r) => r.phone && normalizePhone(r.phone))
    .map((r) => ({ userId: r.userId, name: r.name ?? '', phone: r.phone! }));
}

/** Every active organization's low-stock alerts; one organization's failure is recorded on it and the rest go on. */
export async function lowStockPass(db: Database, p: { now?: Date; log?: PassLog; orgIds?: string[] } = {}) {
  const orgs = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.status, 'active'), p.orgIds ? inArray(organizations.id, p.orgIds) : undefined));
  const log = p.log ?? SILENT;
  let alerted = 0;
  for (const org of orgs) {
    const r = await runOrganizationTask(db, { orgId: org.id, task: 'low_stock', log }, () =>
      alertLowStock(db, { orgId: org.id, now: p.now }),
    );
    if (r.ok && r.value.alerted) {
      alerted += r.value.alerted;
      log.info(`low stock ${org.id}: ${r.value.alerted} items alerted, ${r.value.notices} notices queued`);
    }
  }
  return { organizations: orgs.length, alerted };
}
