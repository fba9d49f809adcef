import { and, eq, inArray, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, plans, subscriptionHistory, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { importSchedule } from '@/lib/billing/import-schedule';
import { allocateCustomerNumbers, searchTextFor } from '@/lib/core/customer-search';
import { encryptSecret } from '@/lib/crypto';
import { customerRows, emitRows, idIn } from '@/lib/events/rows';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { latitudeSchema, longitudeSchema } from '@/lib/infrastructure/odps';
import { issueMessageKey } from '@/lib/server/operation';
import { voucherCodesAmong } from '@/lib/vouchers/names';
import { BILLING_TYPES, type BillingType } from './constants';
import {
  addressSchema,
  customerNameSchema,
  phoneSchema,
  servicePasswordSchema,
  serviceUsernameSchema,
} from './schemas';

/** The columns of the import file, in the template's order (docs/features/customers.md documents them). */
export const IMPORT_COLUMNS = [
  'name',
  'phone',
  'address',
  'area',
  'latitude',
  'longitude',
  'plan',
  'billing_type',
  'service_username',
  'service_password',
  'status',
  'email',
] as const;
export const IMPORT_MAX_ROWS = 20_000;
const REQUIRED = ['name', 'phone', 'address', 'plan', 'service_username', 'service_password'] as const;

export const IMPORT_TEMPLATE = [
  IMPORT_COLUMNS.join(','),
  'Budi Santoso,0812-3456-7890,"Jl. Melati No. 5, RT 02/RW 05",RW 05,-6.914744,107.609810,Paket 20 Mbps,postpaid,budi01,rahasia01,active,budi@example.com',
  'Siti Aminah,+62 813 1111 2222,Gg. Mawar 12,RW 05,,,Paket 10 Mbps,prepaid,siti02,rahasia02,isolated,',
].join('\n');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const rowSchema = z.object({
  name: customerNameSchema,
  phone: phoneSchema,
  address: addressSchema,
  area: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || null),
  latitude: z.preprocess(blankToUndefined, latitudeSchema.optional()),
  longitude: z.preprocess(blankToUndefined, longitudeSchema.optional()),
  plan: z.string().trim().min(1, 'validation.required'),
  billing_type: z.preprocess(blankToUndefined, z.enum(BILLING_TYPES, 'validation.billingType').optional()),
  service_username: serviceUsernameSchema,
  service_password: servicePasswordSchema,
  status: z.preprocess(
    (v) => blankToUndefined(typeof v === 'string' ? v.trim().toLowerCase() : v) ?? 'active',
    z.enum(['pending', 'active', 'isolated', 'suspended'], 'validation.importStatus'),
  ),
  email: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().email('validation.email').optional()),
});
type Row = z.output<typeof rowSchema>;

export type ImportError = { line: number; column: string; message: string };
export type ImportPreview = {
  total: number;
  valid: number;
  errors: ImportError[];
  /** The first period the imported subscriptions are invoiced for (after "paid until"). */
  billingStartsOn: string;
  sample: {
    line: number;
    name: string;
    phone: string;
    plan: string;
    serviceUsername: string;
    status: string;
    billingType: BillingType;
    firstInvoiceOn: string;
    isolateFrom: string;
  }[];
};

/** Parses and checks every row without writing anything (the dry run). */
export async function previewImport(
  db: Db,
  p: { orgId: string; csv: string; locale: Locale; paidUntil?: string | null },
): Promise<ImportPreview & { rows: (Row & { line: number; planId: string; billingType: 'prepaid' | 'postpaid' })[] }> {
  const t = (key: string, params?: Record<string, string | number>) => translate(p.locale, key, params);
  const schedule = await importSchedule(db, { orgId: p.orgId, paidUntil: p.paidUntil });
  const billingStartsOn = schedule.postpaid.period;
  const parsed = Papa.parse<Record<string, string>>(p.csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: ImportError[] = [];
  const headers = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !headers.includes(c));
  if (missing.length) {
    return {
      total: 0,
      valid: 0,
      rows: [],
      sample: [],
      billingStartsOn,
      errors: [
        { line: 1, column: missing.join(', '), message: t('import.missingColumns', { columns: missing.join(', ') }) },
      ],
    };
  }
  if (parsed.data.length > IMPORT_MAX_ROWS) {
    return {
      total: parsed.data.length,
      valid: 0,
      rows: [],
      sample: [],
      billingStartsOn,
      errors: [{ line: 1, column: '', message: t('import.tooManyRows', { max: IMPORT_MAX_ROWS }) }],
    };
  }
  const orgPlans = await db.select().from(plans).where(eq(plans.organizationId, p.orgId));
  const planByName = new Map(orgPlans.map((pl) => [pl.name.toLowerCase(), pl]));

  const rows: (Row & { line: number; planId: string; billingType: 'prepaid' | 'postpaid' })[] = [];
  const usernameLines = new Map<string, number>();
  parsed.data.forEach((raw, index) => {
    const line = index + 2; // line 1 is the header
    const result = rowSchema.safeParse(raw);
    // Every problem of a row is listed at once, so one fix round is enough.
    const planName = String(raw.plan ?? '').trim();
    const plan = planByName.get(planName.toLowerCase());
    const rowErrors: ImportError[] = result.success
      ? []
      : result.error.issues.map((issue) => ({
          line,
          column: String(issue.path[0] ?? ''),
          message: t(issueMessageKey(issue)),
        }));
    if (planName && !plan)
      rowErrors.push({ line, column: 'plan', message: t('import.unknownPlan', { plan: planName }) });
    if (!result.success || !plan) {
      errors.push(...rowErrors);
      return;
    }
    const row = result.data;
    const earlier = usernameLines.get(row.service_username);
    if (earlier) {
      errors.push({ line, column: 'service_username', message: t('import.duplicateInFile', { line: earlier }) });
      return;
    }
    usernameLines.set(row.service_username, line);
    rows.push({ ...row, line, planId: plan.id, billingType: row.billing_type ?? plan.billingType });
  });

  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const taken = await db
      .select({ username: subscriptions.serviceUsername })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.organizationId, p.orgId),
          inArray(
            subscriptions.serviceUsername,
            chunk.map((r) => r.service_username),
          ),
        ),
      );
    for (const { username } of taken) {
      errors.push({
        line: usernameLines.get(username)!,
        column: 'service_username',
        message: t('import.usernameExists', { username }),
      });
    }
    for (const username of await voucherCodesAmong(db, {
      orgId: p.orgId,
      names: chunk.map((r) => r.service_username),
    })) {
      errors.push({
        line: usernameLines.get(username)!,
        column: 'service_username',
        message: t('import.usernameIsVoucher', { username }),
      });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  const bad = new Set(errors.map((e) => e.line));
  const valid = rows.filter((r) => !bad.has(r.line));
  return {
    total: parsed.data.length,
    valid: valid.length,
    errors,
    rows: valid,
    billingStartsOn,
    // When each row is first invoiced and, unpaid, isolated (the same for every row of a type).
    sample: valid.slice(0, 50).map((r) => ({
      line: r.line,
      name: r.name,
      phone: r.phone,
      plan: r.plan,
      serviceUsername: r.service_username,
      status: r.status,
      billingType: r.billingType,
      firstInvoiceOn: schedule[r.billingType].invoiceOn,
      isolateFrom: schedule[r.billingType].isolateFrom,
    })),
  };
}

/**
 * Imports existing customers all-or-nothing: any bad row and nothing is written. Imported
 * subscriptions already run on the network, so no router jobs are queued for them.
 */
export async function importCustomers(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; csv: string; locale: Locale; paidUntil?: string | null },
) {
  return db.transaction(async (tx) => {
    const preview = await previewImport(tx, p);
    if (preview.errors.length > 0 || preview.total === 0)
      return { imported: 0, preview: { ...preview, rows: undefined } };
    const numbers = await allocateCustomerNumbers(tx, p.orgId, preview.rows.length);
    for (let i = 0; i < preview.rows.length; i += 500) {
      const chunk = preview.rows.slice(i, i + 500);
      const inserted = await tx
        .insert(customers)
        .values(
          chunk.map((r, j) => ({
            organizationId: p.orgId,
            number: numbers[i + j]!,
            name: r.name,
            phone: r.phone,
            email: r.email ?? null,
            address: r.address,
            area: r.area,
            latitude: r.latitude ?? null,
            longitude: r.longitude ?? null,
            status: r.status,
            planId: r.planId,
            searchText: searchTextFor({ name: r.name, phone: r.phone, number: numbers[i + j]! }, [r.service_username]),
          })),
        )
        .returning({ id: customers.id });
      await emitRows(tx, {
        orgId: p.orgId,
        type: 'customer.created',
        rows: customerRows({
          orgId: p.orgId,
          where: idIn(
            sql`c.id`,
            inserted.map((c) => c.id),
          ),
          source: 'import',
        }),
      });
      const subs = await tx
        .insert(subscriptions)
        .values(
          chunk.map((r, j) => ({
            organizationId: p.orgId,
            customerId: inserted[j]!.id,
            planId: r.planId,
            billingType: r.billingType,
            serviceUsername: r.service_username,
            servicePasswordEnc: encryptSecret(r.service_password),
            status: r.status,
            // Unknown for imported customers: billed in full, no prorata, from the period after
            // "paid until" (never the running one: that would cut paid-up customers off).
            activatedAt: null,
            billingStartsOn: preview.billingStartsOn,
          })),
        )
        .returning({ id: subscriptions.id, status: subscriptions.status });
      await tx.insert(subscriptionHistory).values(
        subs.map((s) => ({
          organizationId: p.orgId,
          subscriptionId: s.id,
          fromStatus: null,
          toStatus: s.status,
          reason: 'imported',
          actorUserId: p.actorUserId,
        })),
      );
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'customer.imported',
      entityType: 'customer',
      data: {
        count: preview.rows.length,
        first: numbers[0],
        last: numbers.at(-1),
        billingStartsOn: preview.billingStartsOn,
      },
    });
    return { imported: preview.rows.length, preview: { ...preview, rows: undefined } };
  });
}
