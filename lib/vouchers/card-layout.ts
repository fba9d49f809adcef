/**
 * Where everything sits on one A4 voucher card, computed rather than left to flexbox: at 40
 * cards a page (4 × 10, 140 × 80 pt) the text used to wrap and run under the QR. The QR takes
 * a fixed square on the right; every text is one line fitted to the width left of it (a code
 * is never cut: its font shrinks; a name or a URL is shortened with "…"), and lines that do
 * not fit the height are dropped, least needed first. Pure, so the test checks the boxes.
 */
export type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Courier-Bold';
export type Box = { x: number; y: number; width: number; height: number };
export type CardLine = Box & { key: LineKey; text: string; font: FontName; size: number };
export type LineKey = 'organization' | 'price' | 'profile' | 'code' | 'password' | 'url';
export type CardLayout = { padding: number; qr: Box | null; logo: Box | null; lines: CardLine[] };

// Advance widths (1/1000 em) of ASCII 32..126, from the standard AFM files.
// biome-ignore format: a table
const HELVETICA = [
  278,278,355,556,556,889,667,222,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,
  584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,
  611,278,278,278,469,556,222,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,
  722,500,500,500,334,260,334,584,
];
// biome-ignore format: a table
const HELVETICA_BOLD = [
  278,333,474,556,556,889,722,278,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,
  584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,
  611,333,278,333,584,556,278,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,
  778,556,556,500,389,280,389,584,
];

/** Width in points of `text` in a standard PDF font; unknown characters count as wide. */
export function textWidth(text: string, font: FontName, size: number): number {
  if (font === 'Courier-Bold') return text.length * 0.6 * size;
  const table = font === 'Helvetica' ? HELVETICA : HELVETICA_BOLD;
  let units = 0;
  for (const ch of text) {
    const c = ch === '\u00a0' ? 32 : ch.codePointAt(0)!;
    units += c >= 32 && c <= 126 ? table[c - 32]! : 1000;
  }
  return (units * size) / 1000;
}

/** `text` cut with "…" so that it fits `width`. */
export function fitText(text: string, font: FontName, size: number, width: number): string {
  if (textWidth(text, font, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, font, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The largest size up to `max` at which `text` fits `width` whole (never below `min`). */
function fitSize(text: string, font: FontName, max: number, width: number, min = 4) {
  const natural = textWidth(text, font, max);
  return natural <= width ? max : Math.max(min, Math.floor(((max * width) / natural) * 10) / 10);
}

const LINE_HEIGHT = 1.25;

export function cardLayout(p: {
  width: number;
  height: number;
  organization: string;
  price: string;
  profile: string;
  code: string;
  password: string | null;
  url: string | null;
  qr: boolean;
  logo: boolean;
}): CardLayout {
  const padding = 5;
  const innerW = p.width - 2 * padding;
  const innerH = p.height - 2 * padding;
  const small = p.height < 110;
  const base = small ? 6.5 : 8;
  const gap = 4;
  const qrSize = p.qr ? Math.min(innerH, innerW * 0.38, 90) : 0;
  const qr = p.qr
    ? { x: padding + innerW - qrSize, y: padding + (innerH - qrSize) / 2, width: qrSize, height: qrSize }
    : null;
  const textW = innerW - (p.qr ? qrSize + gap : 0);
  const logo = p.logo && !small ? { x: padding, y: padding, width: 16, height: 16 } : null;

  type Want = { key: LineKey; text: string; font: FontName; size: number; fit: 'cut' | 'shrink'; indent?: number };
  const wanted: Want[] = [
    {
      key: 'organization',
      text: p.organization,
      font: 'Helvetica-Bold',
      size: base,
      fit: 'cut',
      indent: logo ? 20 : 0,
    },
    { key: 'price', text: p.price, font: 'Helvetica-Bold', size: base + 3, fit: 'shrink' },
    { key: 'profile', text: p.profile, font: 'Helvetica', size: base, fit: 'cut' },
    { key: 'code', text: p.code, font: 'Courier-Bold', size: small ? 10 : 13, fit: 'shrink' },
    ...(p.password
      ? [
          {
            key: 'password' as const,
            text: p.password,
            font: 'Courier-Bold' as const,
            size: small ? 9 : 11,
            fit: 'shrink' as const,
          },
        ]
      : []),
    ...(p.url && !small
      ? [{ key: 'url' as const, text: p.url, font: 'Helvetica' as const, size: base - 1, fit: 'cut' as const }]
      : []),
  ];
  const sized = wanted.map((w) => {
    const width = textW - (w.indent ?? 0);
    return w.fit === 'shrink'
      ? { ...w, size: fitSize(w.text, w.font, w.size, width), width }
      : { ...w, text: fitText(w.text, w.font, w.size, width), width };
  });
  // Too tall: drop what a customer needs least (the URL is in the QR, the organization and
  // the profile are nice to have); the price and the code always stay.
  const heightOf = (ls: typeof sized) => ls.reduce((sum, l) => sum + l.size * LINE_HEIGHT, 0);
  for (const drop of ['url', 'organization', 'profile'] as LineKey[]) {
    if (heightOf(sized) <= innerH) break;
    const i = sized.findIndex((l) => l.key === drop);
    if (i >= 0) sized.splice(i, 1);
  }
  const spare = Math.max(0, innerH - heightOf(sized));
  const between = sized.length > 1 ? spare / (sized.length - 1) : 0;
  let y = padding;
  const lines = sized.map((l) => {
    const height = l.size * LINE_HEIGHT;
    const line = {
      key: l.key,
      text: l.text,
      font: l.font,
      size: l.size,
      x: padding + (l.indent ?? 0),
      y,
      width: l.width,
      height,
    };
    y += height + between;
    return line;
  });
  return { padding, qr, logo, lines };
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
