import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { organizations, voucherBatches } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { logoDataUrl } from '@/lib/billing/public-invoice';
import { getBillingSettings } from '@/lib/billing/settings';
import { AppError } from '@/lib/server/errors';
import { voucherCards } from './queries';
import { voucherUsername } from './radius';

export const CARDS_PER_PAGE = [8, 10, 20, 40] as const;
/** One PDF holds at most this many cards (a bigger batch prints in parts): size and render time. */
export const PRINT_PART_SIZE = 1000;

export const printSchema = z.object({
  batchId: z.string().uuid('validation.invalid'),
  format: z.enum(['a4', 'thermal'], 'validation.invalid').default('a4'),
  perPage: z.coerce
    .number()
    .pipe(
      z.union(
        CARDS_PER_PAGE.map((n) => z.literal(n)) as [
          z.ZodLiteral<8>,
          z.ZodLiteral<10>,
          z.ZodLiteral<20>,
          z.ZodLiteral<40>,
        ],
        'validation.invalid',
      ),
    )
    .default(10),
  // The login QR always points at the organization's saved hotspot login page (Settings →
  // Organization), never at an address from the link: a shared print link must not be able
  // to send customers' codes and passwords elsewhere. `qr=0` prints the cards without it.
  qr: z
    .union([z.boolean(), z.enum(['0', '1', 'true', 'false'])], 'validation.invalid')
    .optional()
    .transform((v) => v === undefined || v === true || v === '1' || v === 'true'),
  part: z.coerce.number().int('validation.invalid').min(1, 'validation.invalid').default(1),
});
export type PrintInput = z.output<typeof printSchema>;

export type PrintCard = { code: string; password: string | null; qrText: string | null };
export type PrintData = {
  format: 'a4' | 'thermal';
  perPage: number;
  organization: string;
  logoDataUrl: string | null;
  loginUrl: string | null;
  profile: {
    name: string;
    priceRupiah: number;
    validityMinutes: number;
    timeQuotaMinutes: number | null;
    dataQuotaBytes: number | null;
  };
  cards: PrintCard[];
  part: number;
  parts: number;
};

/** The QR logs in at once: MikroTik's login page takes username and password in the query. */
function qrText(loginUrl: string, username: string, password: string) {
  const url = new URL(loginUrl);
  url.searchParams.set('username', username);
  url.searchParams.set('password', password);
  return url.toString();
}

/**
 * What a print-out of one batch shows. Passwords are decrypted here, on the server, for the
 * PDF only; who printed which batch (and which part) goes to the audit log. With
 * `resellerUserId`, only a batch that reseller bought is found (the reseller's own prints).
 */
export async function voucherPrintData(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: PrintInput; resellerUserId?: string },
): Promise<PrintData> {
  const { input } = p;
  const [batch] = await db
    .select({ delivery: voucherBatches.delivery })
    .from(voucherBatches)
    .where(
      and(
        eq(voucherBatches.id, input.batchId),
        eq(voucherBatches.organizationId, p.orgId),
        p.resellerUserId !== undefined ? eq(voucherBatches.resellerUserId, p.resellerUserId) : undefined,
      ),
    );
  if (!batch) throw new AppError('not_found');
  const data = await voucherCards(db, { orgId: p.orgId, batchId: input.batchId });
  const parts = Math.max(1, Math.ceil(data.cards.length / PRINT_PART_SIZE));
  if (input.part > parts) throw new AppError('not_found', {}, { part: 'validation.invalid' });
  const [org] = await db
    .select({ name: organizations.name, slug: organizations.slug, loginUrl: organizations.hotspotLoginUrl })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  const loginUrl = input.qr ? org!.loginUrl : null;
  const settings = await getBillingSettings(db, p.orgId);
  const slice = data.cards.slice((input.part - 1) * PRINT_PART_SIZE, input.part * PRINT_PART_SIZE);
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'voucher_batch.printed',
    entityType: 'voucher_batch',
    entityId: input.batchId,
    data: {
      format: input.format,
      perPage: input.perPage,
      part: input.part,
      parts,
      cards: slice.length,
      reseller: p.resellerUserId !== undefined,
    },
  });
  const separate = data.passwordMode === 'separate';
  return {
    format: input.format,
    perPage: input.perPage,
    organization: org!.name,
    logoDataUrl: await logoDataUrl(settings.logoPath),
    loginUrl,
    profile: data.profile,
    part: input.part,
    parts,
    cards: slice.map((c) => ({
      code: c.code,
      password: separate ? c.password : null,
      // RADIUS logins carry the realm; the card shows the code alone (docs/features/vouchers.md).
      qrText: loginUrl
        ? qrText(loginUrl, batch.delivery === 'radius' ? voucherUsername(c.code, org!.slug) : c.code, c.password)
        : null,
    })),
  };
}
