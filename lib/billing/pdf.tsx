import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import QRCode from 'qrcode';
import { formatIDR } from '@/lib/format';

export type InvoicePdfData = {
  // The zone says when an open invoice is overdue (the page); the PDF prints dates only.
  organization: { id: string; name: string; timezone?: string };
  settings: {
    companyAddress: string | null;
    companyPhone?: string | null;
    bankAccounts: string | null;
    footerNote: string | null;
    taxPercent: number;
    logoDataUrl: string | null;
    version: number;
  };
  invoice: {
    id: string;
    number: string;
    status: string;
    issueDate: string;
    dueDate: string;
    subtotal: number;
    tax: number;
    total: number;
    paidAmount: number;
  };
  customer: { name: string; number: string; address: string; phone: string };
  items: { description: string; amount: number }[];
  publicUrl: string;
};

// @react-pdf/renderer is ESM-only: loaded with import() so the worker and tests (CommonJS
// under tsx) can render too.
type ReactPdf = typeof import('@react-pdf/renderer');

const STATUS_TEXT: Record<string, string> = {
  paid: 'LUNAS',
  partial: 'BAYAR SEBAGIAN',
  unpaid: 'BELUM BAYAR',
  carried: 'DIPINDAHKAN',
  void: 'BATAL',
};
const styles = {
  page: { padding: 36, fontSize: 10, fontFamily: 'Helvetica', color: '#0f172a' },
  row: { flexDirection: 'row', justifyContent: 'space-between' },
  h1: { fontSize: 18, fontFamily: 'Helvetica-Bold', color: '#047857' },
  muted: { color: '#64748b' },
  table: { marginTop: 16, borderTopWidth: 1, borderColor: '#cbd5e1' },
  line: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    paddingVertical: 5,
    borderBottomWidth: 0.5,
    borderColor: '#e2e8f0',
  },
  bold: { fontFamily: 'Helvetica-Bold' },
  // Small and monospaced so a whole link (about 120 characters) fits the page's width.
  link: { marginTop: 6, fontFamily: 'Courier', fontSize: 7, color: '#64748b', textDecoration: 'none' },
  stamp: {
    marginTop: 14,
    fontSize: 16,
    fontFamily: 'Helvetica-Bold',
    padding: 6,
    borderWidth: 2,
    alignSelf: 'flex-start',
  },
} as const;

/** react-pdf breaks a long word into syllables and adds a hyphen; a URL must stay whole. */
export const wholeWord = (word: string) => [word];

const idDate = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

function invoiceDocument({ Document, Image, Link, Page, Text, View }: ReactPdf, d: InvoicePdfData, qr: string) {
  const s = styles;
  const paid = d.invoice.status === 'paid';
  return (
    <Document title={`Faktur ${d.invoice.number}`} author={d.organization.name}>
      <Page size="A4" style={s.page}>
        <View style={s.row}>
          <View>
            {d.settings.logoDataUrl ? (
              <Image
                src={d.settings.logoDataUrl}
                style={{ height: 40, marginBottom: 6, objectFit: 'contain', objectPosition: 'left' }}
              />
            ) : null}
            <Text style={s.h1}>{d.organization.name}</Text>
            {d.settings.companyAddress ? <Text style={s.muted}>{d.settings.companyAddress}</Text> : null}
            {d.settings.companyPhone ? <Text style={s.muted}>Telp. {d.settings.companyPhone}</Text> : null}
          </View>
          <View>
            <Text style={s.bold}>FAKTUR {d.invoice.number}</Text>
            <Text>Tanggal: {idDate(d.invoice.issueDate)}</Text>
            <Text>Jatuh tempo: {idDate(d.invoice.dueDate)}</Text>
          </View>
        </View>
        <View style={{ marginTop: 18 }}>
          <Text style={s.muted}>Ditagihkan kepada</Text>
          <Text style={s.bold}>
            {d.customer.name} ({d.customer.number})
          </Text>
          <Text>{d.customer.address}</Text>
          <Text>{d.customer.phone}</Text>
        </View>
        <View style={s.table}>
          {d.items.map((item, i) => (
            <View key={i} style={s.line}>
              <Text>{item.description}</Text>
              <Text>{formatIDR(item.amount)}</Text>
            </View>
          ))}
          <View style={s.line}>
            <Text>Subtotal</Text>
            <Text>{formatIDR(d.invoice.subtotal)}</Text>
          </View>
          <View style={s.line}>
            <Text>PPN {d.settings.taxPercent}%</Text>
            <Text>{formatIDR(d.invoice.tax)}</Text>
          </View>
          <View style={s.line}>
            <Text style={s.bold}>Total</Text>
            <Text style={s.bold}>{formatIDR(d.invoice.total)}</Text>
          </View>
          {d.invoice.paidAmount > 0 && !paid ? (
            <View style={s.line}>
              <Text>Sudah dibayar</Text>
              <Text>{formatIDR(d.invoice.paidAmount)}</Text>
            </View>
          ) : null}
        </View>
        <Text style={[s.stamp, { color: paid ? '#047857' : '#b91c1c', borderColor: paid ? '#047857' : '#b91c1c' }]}>
          {STATUS_TEXT[d.invoice.status] ?? d.invoice.status}
        </Text>
        <View style={[s.row, { marginTop: 20 }]}>
          <View style={{ width: '65%' }}>
            <Text style={s.bold}>Cara bayar</Text>
            <Text>{d.settings.bankAccounts ?? 'Bayar di loket kami atau melalui tautan faktur.'}</Text>
          </View>
          <Image src={qr} style={{ width: 90, height: 90 }} />
        </View>
        {/* The link on a line of its own, never hyphenated: a "-" inserted at a line break
            would be copied into the address and break it. */}
        <Link src={d.publicUrl} style={s.link}>
          <Text hyphenationCallback={wholeWord}>{d.publicUrl}</Text>
        </Link>
        {d.settings.footerNote ? <Text style={[s.muted, { marginTop: 24 }]}>{d.settings.footerNote}</Text> : null}
      </Page>
    </Document>
  );
}

export async function renderInvoicePdf(d: InvoicePdfData): Promise<Buffer> {
  const pdf: ReactPdf = await import('@react-pdf/renderer');
  const qr = await QRCode.toDataURL(d.publicUrl, { margin: 1, width: 240 });
  return pdf.renderToBuffer(invoiceDocument(pdf, d, qr));
}

/**
 * Rendered when first opened, then kept on disk per organization and invoice status (a
 * payment changes the stamp, so it renders again). The billing run never renders PDFs.
 */
// Bumped when the layout changes, so PDFs cached with the old one are rendered again.
const LAYOUT = 'v2';

export async function cachedInvoicePdf(filesDir: string, d: InvoicePdfData): Promise<Buffer> {
  // Any change that shows on the PDF (status, payment, branding) gives a new file name.
  const file = path.join(
    filesDir,
    d.organization.id,
    'invoices',
    `${d.invoice.id}-${d.invoice.status}-${d.invoice.paidAmount}-${d.settings.version}-${LAYOUT}.pdf`,
  );
  try {
    return await readFile(file);
  } catch {
    const pdf = await renderInvoicePdf(d);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, pdf);
    return pdf;
  }
}
