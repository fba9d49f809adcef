/**
 * The ISP's brand colour as the portal paints buttons and links with it: white text sits on
 * it (primary buttons, the active language) and it colours links on white. A light colour (a
 * yellow, a pastel) would make those unreadable, so it is darkened, keeping its hue, until
 * white on it reaches WCAG AA for normal text (4.5 : 1). A dark enough colour stays as it is.
 */
export function readableBrandColor(hex: string): string {
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  if (rgb.some((c) => Number.isNaN(c))) return hex;
  for (let f = 1; f > 0; f -= 0.02) {
    const c = rgb.map((v) => Math.round(v * f));
    if (contrastWithWhite(c) >= 4.5)
      return f === 1 ? hex : `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
  return '#000000';
}

/** How white text contrasts with an sRGB colour (WCAG 2 ratio, 1 to 21). */
export function contrastWithWhite([r, g, b]: number[]) {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  return 1.05 / (l + 0.05);
}
