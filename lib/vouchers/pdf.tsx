import QRCode from 'qrcode';
import { formatIDR } from '@/lib/format';
import { cardLayout } from './card-layout';
import { formatMinutes, formatQuotaBytes } from './format';
import type { PrintCard, PrintData } from './print';

// ESM-only, loaded with import() as in lib/billing/pdf.tsx (worker and tests run CommonJS).
type ReactPdf = typeof import('@react-pdf/renderer');

/** Cards per A4 page -> columns x rows. */
const GRIDS: Record<number, [number, number]> = { 8: [2, 4], 10: [2, 5], 20: [4, 5], 40: [4, 10] };
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 18;
// 58 mm paper: the printable width, and a ticket long enough for the QR.
const THERMAL: [number, number] = [164.4, 250];

type Labels = { validity: string; quota: string; user: string; password: string; code: string; scan: string };
const LABELS: Record<'id' | 'en', Labels> = {
  id: {
    validity: 'Berlaku',
    quota: 'Kuota',
    user: 'User',
    password: 'Sandi',
    code: 'Kode',
    scan: 'Pindai untuk masuk',
  },
  en: { validity: 'Valid', quota: 'Quota', user: 'User', password: 'Password', code: 'Code', scan: 'Scan to log in' },
};

function quotaText(d: PrintData, locale: 'id' | 'en') {
  const parts = [
    d.profile.timeQuotaMinutes ? formatMinutes(d.profile.timeQuotaMinutes, locale) : null,
    d.profile.dataQuotaBytes ? formatQuotaBytes(d.profile.dataQuotaBytes) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' / ') : null;
}

function Card({
  pdf,
  d,
  card,
  qr,
  size,
  locale,
}: {
  pdf: ReactPdf;
  d: PrintData;
  card: PrintCard;
  qr: string | null;
  size: [number, number];
  locale: 'id' | 'en';
}) {
  const { Image, Text, View } = pdf;
  const l = LABELS[locale];
  const [w, h] = size;
  const quota = quotaText(d, locale);
  const layout = cardLayout({
    width: w,
    height: h,
    organization: d.organization,
    price: formatIDR(d.profile.priceRupiah),
    profile: `${d.profile.name} · ${l.validity} ${formatMinutes(d.profile.validityMinutes, locale)}${quota ? ` · ${l.quota} ${quota}` : ''}`,
    code: `${card.password ? `${l.user}: ` : ''}${card.code}`,
    password: card.password ? `${l.password}: ${card.password}` : null,
    url: d.loginUrl,
    qr: Boolean(qr),
    logo: Boolean(d.logoDataUrl),
  });
  const color = (key: string) => (key === 'organization' ? '#047857' : key === 'url' ? '#475569' : undefined);
  return (
    <View
      style={{
        width: w,
        height: h,
        position: 'relative',
        borderWidth: 0.6,
        borderStyle: 'dashed',
        borderColor: '#94a3b8',
      }}
    >
      {layout.logo && d.logoDataUrl ? (
        <Image
          src={d.logoDataUrl}
          style={{
            position: 'absolute',
            left: layout.logo.x,
            top: layout.logo.y,
            // Both sides: a wide logo keeps to its reserved box instead of running over the name.
            width: layout.logo.width,
            height: layout.logo.height,
            objectFit: 'contain',
          }}
        />
      ) : null}
      {layout.lines.map((line) => (
        <Text
          key={line.key}
          style={{
            position: 'absolute',
            left: line.x,
            top: line.y,
            width: line.width,
            height: line.height,
            fontFamily: line.font,
            fontSize: line.size,
            color: color(line.key),
          }}
        >
          {line.text}
        </Text>
      ))}
      {qr && layout.qr ? (
        <Image
          src={qr}
          style={{
            position: 'absolute',
            left: layout.qr.x,
            top: layout.qr.y,
            width: layout.qr.width,
            height: layout.qr.height,
          }}
        />
      ) : null}
    </View>
  );
}

function ThermalTicket({
  pdf,
  d,
  card,
  qr,
  locale,
}: {
  pdf: ReactPdf;
  d: PrintData;
  card: PrintCard;
  qr: string | null;
  locale: 'id' | 'en';
}) {
  const { Image, Page, Text } = pdf;
  const l = LABELS[locale];
  const quota = quotaText(d, locale);
  const center = { textAlign: 'center' as const };
  return (
    <Page size={THERMAL} style={{ padding: 8, fontSize: 8, fontFamily: 'Helvetica', alignItems: 'center' }}>
      <Text style={[center, { fontFamily: 'Helvetica-Bold', fontSize: 10 }]}>{d.organization}</Text>
      <Text style={center}>{d.profile.name}</Text>
      <Text style={[center, { fontFamily: 'Helvetica-Bold', fontSize: 12, marginTop: 2 }]}>
        {formatIDR(d.profile.priceRupiah)}
      </Text>
      <Text style={center}>
        {l.validity} {formatMinutes(d.profile.validityMinutes, locale)}
        {quota ? ` · ${l.quota} ${quota}` : ''}
      </Text>
      <Text style={[center, { fontFamily: 'Courier-Bold', fontSize: 15, marginTop: 6 }]}>{card.code}</Text>
      {card.password ? (
        <Text style={[center, { fontFamily: 'Courier-Bold', fontSize: 12 }]}>{`${l.password}: ${card.password}`}</Text>
      ) : null}
      {qr ? <Image src={qr} style={{ width: 90, height: 90, marginTop: 6 }} /> : null}
      {d.loginUrl ? <Text style={[center, { fontSize: 7 }]}>{d.loginUrl}</Text> : null}
    </Page>
  );
}

/** The batch's cards as a PDF: a grid of cards on A4, or one 58 mm ticket per card. */
export async function renderVoucherPdf(d: PrintData, locale: 'id' | 'en' = 'id'): Promise<Buffer> {
  const pdf: ReactPdf = await import('@react-pdf/renderer');
  const qrs = await Promise.all(
    d.cards.map((c) =>
      c.qrText
        ? QRCode.toDataURL(c.qrText, { margin: 0, width: 160, errorCorrectionLevel: 'L' })
        : Promise.resolve(null),
    ),
  );
  const { Document, Page, View } = pdf;
  const title = `Voucher ${d.profile.name}`;
  if (d.format === 'thermal') {
    return pdf.renderToBuffer(
      <Document title={title} author={d.organization}>
        {d.cards.map((card, i) => (
          <ThermalTicket key={card.code} pdf={pdf} d={d} card={card} qr={qrs[i]!} locale={locale} />
        ))}
      </Document>,
    );
  }
  const [cols, rows] = GRIDS[d.perPage] ?? GRIDS[10]!;
  const size: [number, number] = [(A4[0] - 2 * MARGIN) / cols, (A4[1] - 2 * MARGIN) / rows];
  const pages: number[][] = [];
  for (let i = 0; i < d.cards.length; i += d.perPage) pages.push(d.cards.slice(i, i + d.perPage).map((_, j) => i + j));
  return pdf.renderToBuffer(
    <Document title={title} author={d.organization}>
      {pages.map((indexes, p) => (
        <Page
          key={p}
          size="A4"
          style={{
            padding: MARGIN,
            fontFamily: 'Helvetica',
            color: '#0f172a',
            flexDirection: 'row',
            flexWrap: 'wrap',
            alignContent: 'flex-start',
          }}
        >
          {indexes.map((i) => (
            <Card key={d.cards[i]!.code} pdf={pdf} d={d} card={d.cards[i]!} qr={qrs[i]!} size={size} locale={locale} />
          ))}
        </Page>
      ))}
      {pages.length === 0 ? (
        <Page size="A4" style={{ padding: MARGIN }}>
          <View />
        </Page>
      ) : null}
    </Document>,
  );
}
