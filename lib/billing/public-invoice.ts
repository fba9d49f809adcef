import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { env } from '@/lib/env';
import type { InvoicePdfData } from './pdf';
import { getInvoiceByToken } from './queries';
import { getBillingSettings } from './settings';

/** Everything the public invoice page and its PDF show, found by the link's token alone. */
export async function publicInvoice(db: Db, token: string): Promise<InvoicePdfData | null> {
  const found = await getInvoiceByToken(db, token);
  if (!found) return null;
  const { invoice, customer, items } = found;
  const [org] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      timezone: organizations.timezone,
      logoPath: organizations.logoPath,
    })
    .from(organizations)
    .where(eq(organizations.id, invoice.organizationId));
  const settings = await getBillingSettings(db, invoice.organizationId);
  return {
    organization: { id: org!.id, name: org!.name, timezone: org!.timezone },
    settings: {
      companyAddress: settings.companyAddress,
      companyPhone: settings.companyPhone,
      bankAccounts: settings.bankAccounts,
      footerNote: settings.footerNote,
      taxPercent: settings.taxPercent,
      logoDataUrl: await logoDataUrl(invoiceLogoPath(settings.logoPath, org!.logoPath)),
      version: settings.updatedAt ? new Date(settings.updatedAt).getTime() : 0,
    },
    invoice: {
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      subtotal: invoice.subtotal,
      tax: invoice.tax,
      total: invoice.total,
      paidAmount: invoice.paidAmount,
    },
    customer: {
      name: customer.name,
      number: formatCustomerNumber(customer.number),
      address: customer.address,
      phone: customer.phone,
    },
    items: items.map((i) => ({ description: i.description, amount: i.amount })),
    publicUrl: `${env().APP_URL}/i/${token}`,
  };
}

/**
 * The invoice's own logo (billing settings) when one was uploaded, else the organization's logo
 * from the shell — but only a PNG or JPEG: the PDF renderer draws no WebP.
 */
export function invoiceLogoPath(invoiceLogo: string | null, organizationLogo: string | null): string | null {
  if (invoiceLogo) return invoiceLogo;
  return organizationLogo && /\.(png|jpe?g)$/i.test(organizationLogo) ? organizationLogo : null;
}

export async function logoDataUrl(logoPath: string | null): Promise<string | null> {
  if (!logoPath) return null;
  try {
    const bytes = await readFile(path.join(env().FILES_DIR, logoPath));
    return `data:${logoPath.endsWith('.png') ? 'image/png' : 'image/jpeg'};base64,${bytes.toString('base64')}`;
  } catch {
    return null; // a missing file must not keep the customer from their invoice
  }
}
