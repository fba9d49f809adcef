import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { suppliers } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import type { supplierSchema } from './catalogue-schemas';

export const SUPPLIERS_PAGE = 50;

/** Suppliers by name, paged by offset (a short list: tens, not thousands). */
export async function listSuppliers(
  db: Db,
  p: { orgId: string; q?: string; active?: 'active' | 'inactive'; page?: number },
) {
  const page = Math.max(1, p.page ?? 1);
  const where = and(
    eq(suppliers.organizationId, p.orgId),
    p.q
      ? or(
          ilike(suppliers.name, contains(p.q)),
          ilike(suppliers.contactName, contains(p.q)),
          ilike(suppliers.phone, contains(p.q)),
        )
      : undefined,
    p.active ? eq(suppliers.active, p.active === 'active') : undefined,
  );
  const rows = await db
    .select()
    .from(suppliers)
    .where(where)
    .orderBy(asc(suppliers.name), asc(suppliers.id))
    .limit(SUPPLIERS_PAGE + 1)
    .offset((page - 1) * SUPPLIERS_PAGE);
  return { items: rows.slice(0, SUPPLIERS_PAGE), page, hasNext: rows.length > SUPPLIERS_PAGE };
}

export async function supplierChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: suppliers.id, name: suppliers.name })
    .from(suppliers)
    .where(and(eq(suppliers.organizationId, p.orgId), eq(suppliers.active, true)))
    .orderBy(asc(suppliers.name));
}

function nameTaken(error: unknown): never {
  if (uniqueViolation(error) === 'suppliers_org_name_uq')
    throw new AppError('inventory_supplier_taken', {}, { name: 'inventoryCatalogue.errors.supplierTaken' });
  throw error;
}

type SupplierInput = z.output<typeof supplierSchema>;

export async function saveSupplier(db: Db, p: Actor & { supplierId?: string; input: SupplierInput }) {
  return db.transaction(async (tx) => {
    const [row] = p.supplierId
      ? await tx
          .update(suppliers)
          .set({ ...p.input, updatedAt: sql`now()` })
          .where(and(eq(suppliers.id, p.supplierId), eq(suppliers.organizationId, p.orgId)))
          .returning()
          .catch(nameTaken)
      : await tx
          .insert(suppliers)
          .values({ organizationId: p.orgId, ...p.input })
          .returning()
          .catch(nameTaken);
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.supplierId ? 'inventory.supplier.updated' : 'inventory.supplier.created',
      entityType: 'supplier',
      entityId: row.id,
      data: { name: row.name },
    });
    return row;
  });
}

/** Deactivated, never deleted: its purchase orders keep pointing at it. */
export async function setSupplierActive(db: Db, p: Actor & { supplierId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(suppliers)
      .set({ active: p.active, updatedAt: sql`now()` })
      .where(and(eq(suppliers.id, p.supplierId), eq(suppliers.organizationId, p.orgId)))
      .returning({ id: suppliers.id, name: suppliers.name });
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.active ? 'inventory.supplier.activated' : 'inventory.supplier.deactivated',
      entityType: 'supplier',
      entityId: row.id,
      data: { name: row.name },
    });
    return row;
  });
}
