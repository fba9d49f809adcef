import QRCode from 'qrcode';
import type { LabelFormat } from './label-formats';
import type { Label, LabelData } from './labels';

// ESM-only, loaded with import() as in lib/billing/pdf.tsx (worker and tests run CommonJS).
type ReactPdf = typeof import('@react-pdf/renderer');

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
// A4 label sheets: 3 × 8 labels of 70 × 37 mm (the common 24-up sheet), no margins between.
const SHEET = { cols: 3, rows: 8, width: 70 * MM, height: 37 * MM };
// One label per page on a roll printer: the page is the label.
const PAGE_SIZES: Record<Exclude<LabelFormat, 'a4'>, [number, number]> = {
  roll58: [58 * MM, 40 * MM],
  label40x30: [40 * MM, 30 * MM],
};

function LabelBox({ pdf, label, qr, size }: { pdf: ReactPdf; label: Label; qr: string; size: [number, number] }) {
  const { Image, Text, View } = pdf;
  const [w, h] = size;
  const pad = Math.min(w, h) * 0.06;
  const side = h - 2 * pad;
  const small = w < 45 * MM * 1.05;
  return (
    <View style={{ width: w, height: h, padding: pad, flexDirection: 'row', alignItems: 'center' }}>
      <Image src={qr} style={{ width: side * (small ? 0.82 : 1), height: side * (small ? 0.82 : 1) }} />
      <View style={{ flex: 1, marginLeft: pad, justifyContent: 'center' }}>
        <Text style={{ fontFamily: 'Courier-Bold', fontSize: small ? 6.5 : 9 }}>{label.code}</Text>
        <Text style={{ fontSize: small ? 5.5 : 7.5, marginTop: 2 }}>{label.title}</Text>
        {label.subtitle ? (
          <Text style={{ fontFamily: 'Courier', fontSize: small ? 5 : 6.5, marginTop: 1 }}>{label.subtitle}</Text>
        ) : null}
      </View>
    </View>
  );
}

/** The labels as a PDF: a 24-up A4 sheet, or one label per page for a 58 mm or 40×30 mm printer. */
export async function renderLabelsPdf(d: LabelData, format: LabelFormat): Promise<Buffer> {
  const pdf: ReactPdf = await import('@react-pdf/renderer');
  const { Document, Page, View } = pdf;
  const qrs = await Promise.all(
    d.labels.map((l) => QRCode.toDataURL(l.code, { margin: 1, width: 240, errorCorrectionLevel: 'M' })),
  );
  const title = `Label ${d.organization}`;
  const base = { fontFamily: 'Helvetica', color: '#0f172a' };
  if (format !== 'a4') {
    const size = PAGE_SIZES[format];
    return pdf.renderToBuffer(
      <Document title={title} author={d.organization}>
        {d.labels.map((label, i) => (
          <Page key={`${label.code}-${i}`} size={size} style={base}>
            <LabelBox pdf={pdf} label={label} qr={qrs[i]!} size={size} />
          </Page>
        ))}
      </Document>,
    );
  }
  const perPage = SHEET.cols * SHEET.rows;
  const left = (A4[0] - SHEET.cols * SHEET.width) / 2;
  const top = (A4[1] - SHEET.rows * SHEET.height) / 2;
  const pages: number[][] = [];
  for (let i = 0; i < d.labels.length; i += perPage) pages.push(d.labels.slice(i, i + perPage).map((_, j) => i + j));
  return pdf.renderToBuffer(
    <Document title={title} author={d.organization}>
      {pages.map((indexes, p) => (
        <Page key={p} size="A4" style={{ ...base, paddingLeft: left, paddingTop: top }}>
          <View style={{ flexDirection: 'row', flexWrap: 'wrap', width: SHEET.cols * SHEET.width }}>
            {indexes.map((i) => (
              <LabelBox key={i} pdf={pdf} label={d.labels[i]!} qr={qrs[i]!} size={[SHEET.width, SHEET.height]} />
            ))}
          </View>
        </Page>
      ))}
    </Document>,
  );
}
