import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ChecklistItem, InstallationResult, WorkOrderStatus, WorkOrderType } from '@/db/enums';
import {
  customers,
  leads,
  odps,
  organizations,
  users,
  workOrderPhotos,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import type { Role } from '@/lib/auth/permissions';
import { logoDataUrl } from '@/lib/billing/public-invoice';
import { getBillingSettings } from '@/lib/billing/settings';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { env } from '@/lib/env';
import { sniffImage } from '@/lib/infrastructure/photo-files';
import { AppError } from '@/lib/server/errors';
import { formatWorkOrderNumber } from './constants';
import { routeUrl } from './route-link';

/**
 * A technician works only the work orders they are assigned to (the SPK, the map, their
 * dashboard); the office roles see every one of the organization.
 */
export const seesOnlyOwnWorkOrders = (role: Role) => role === 'technician';

export type SpkData = {
  organization: {
    name: string;
    timezone: string;
    address: string | null;
    phone: string | null;
    logoDataUrl: string | null;
  };
  workOrder: {
    id: string;
    number: string;
    type: WorkOrderType;
    status: WorkOrderStatus;
    scheduledDate: string | null;
    windowStart: string | null;
    windowEnd: string | null;
    address: string;
    latitude: number | null;
    longitude: number | null;
    routeUrl: string | null;
    odp: { code: string; name: string } | null;
    odpPort: number | null;
    notes: string | null;
    checklist: ChecklistItem[];
    requiredPhotos: number;
    result: InstallationResult | null;
    resultOdpCode: string | null;
    checkInAt: Date | null;
    checkOutAt: Date | null;
    finishedAt: Date | null;
    cancelReason: string | null;
    createdAt: Date;
  };
  customer: { name: string; number: string | null; phone: string } | null;
  technicians: { name: string; phone: string | null }[];
  photos: number;
  signature: { imageDataUrl: string | null; name: string | null; at: Date | null } | null;
};

/**
 * Everything the printed SPK shows, read in one place. A technician (see
 * `seesOnlyOwnWorkOrders`) finds only the work orders they are assigned to; anything else,
 * and any other organization's work order, is "not found".
 */
export async function getSpkData(
  db: Db,
  p: { orgId: string; userId: string; role: Role; workOrderId: string },
): Promise<SpkData> {
  const own = seesOnlyOwnWorkOrders(p.role)
    ? sql`exists (select 1 from ${workOrderTechnicians} t where t.work_order_id = ${workOrders.id}
        and t.organization_id = ${p.orgId} and t.user_id = ${p.userId})`
    : sql`true`;
  const [row] = await db
    .select({
      wo: workOrders,
      org: { name: organizations.name, timezone: organizations.timezone },
      customer: { name: customers.name, number: customers.number, phone: customers.phone },
      lead: { name: leads.name, phone: leads.phone },
      odp: { code: odps.code, name: odps.name },
    })
    .from(workOrders)
    .innerJoin(organizations, eq(organizations.id, workOrders.organizationId))
    .leftJoin(
      customers,
      and(eq(customers.id, workOrders.customerId), eq(customers.organizationId, workOrders.organizationId)),
    )
    .leftJoin(leads, and(eq(leads.id, workOrders.leadId), eq(leads.organizationId, workOrders.organizationId)))
    .leftJoin(odps, and(eq(odps.id, workOrders.odpId), eq(odps.organizationId, workOrders.organizationId)))
    .where(and(eq(workOrders.id, p.workOrderId), eq(workOrders.organizationId, p.orgId), own));
  if (!row) throw new AppError('not_found');
  const wo = row.wo;

  const [technicians, [photos], settings, resultOdp] = await Promise.all([
    db
      .select({ name: users.name, phone: users.phone })
      .from(workOrderTechnicians)
      .innerJoin(users, eq(users.id, workOrderTechnicians.userId))
      .where(and(eq(workOrderTechnicians.workOrderId, wo.id), eq(workOrderTechnicians.organizationId, p.orgId)))
      .orderBy(asc(workOrderTechnicians.createdAt), asc(users.name)),
    db
      .select({ n: count() })
      .from(workOrderPhotos)
      .where(and(eq(workOrderPhotos.workOrderId, wo.id), eq(workOrderPhotos.organizationId, p.orgId))),
    getBillingSettings(db, p.orgId),
    wo.result?.odpId && wo.result.odpId !== wo.odpId
      ? db
          .select({ code: odps.code })
          .from(odps)
          .where(and(eq(odps.id, wo.result.odpId), eq(odps.organizationId, p.orgId)))
          .then((r) => r[0]?.code ?? null)
      : Promise.resolve(null),
  ]);

  const person = row.customer ?? (row.lead ? { ...row.lead, number: null } : null);
  const hasPoint = wo.latitude !== null && wo.longitude !== null;
  return {
    organization: {
      name: row.org.name,
      timezone: row.org.timezone,
      address: settings.companyAddress,
      phone: settings.companyPhone ?? null,
      logoDataUrl: await logoDataUrl(settings.logoPath),
    },
    workOrder: {
      id: wo.id,
      number: formatWorkOrderNumber(wo.number),
      type: wo.type,
      status: wo.status,
      scheduledDate: wo.scheduledDate,
      windowStart: wo.windowStart,
      windowEnd: wo.windowEnd,
      address: wo.address,
      latitude: wo.latitude,
      longitude: wo.longitude,
      routeUrl: hasPoint ? routeUrl(wo.latitude!, wo.longitude!) : null,
      odp: row.odp,
      odpPort: wo.odpPort,
      notes: wo.notes,
      checklist: wo.checklist,
      requiredPhotos: wo.requiredPhotos,
      result: wo.result,
      resultOdpCode: resultOdp ?? (wo.result?.odpId && wo.result.odpId === wo.odpId ? (row.odp?.code ?? null) : null),
      checkInAt: wo.checkInAt,
      checkOutAt: wo.checkOutAt,
      finishedAt: wo.finishedAt,
      cancelReason: wo.cancelReason,
      createdAt: wo.createdAt,
    },
    customer: person
      ? {
          name: person.name,
          number: person.number === null ? null : formatCustomerNumber(person.number),
          phone: person.phone,
        }
      : null,
    technicians,
    photos: photos?.n ?? 0,
    signature:
      wo.signaturePath || wo.signedAt
        ? {
            imageDataUrl: await signatureDataUrl(p.orgId, wo.signaturePath),
            name: wo.signedName,
            at: wo.signedAt,
          }
        : null,
  };
}

/**
 * The customer's signature as a data URL for the PDF. Only a file inside this organization's
 * folder is read; react-pdf draws PNG and JPEG only, so another type (or a missing file)
 * prints the signer's name and time without the image rather than failing the whole SPK.
 */
async function signatureDataUrl(orgId: string, relative: string | null): Promise<string | null> {
  if (!relative) return null;
  const normal = path.posix.normalize(relative);
  if (normal !== relative || !normal.startsWith(`${orgId}/`) || normal.split('/').includes('..')) return null;
  try {
    const bytes = await readFile(path.join(env().FILES_DIR, normal));
    const type = sniffImage(bytes);
    if (type !== 'image/png' && type !== 'image/jpeg') return null;
    return `data:${type};base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}
