import { inflateSync } from 'node:zlib';

/** The text a PDF shows, read back from its (Flate-compressed) content streams. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  // The data runs up to "\nendstream": a compressed stream may itself end in a \r byte, which
  // an optional \r in the pattern would cut off (about one render in a few hundred).
  const re = /stream\r?\n([\s\S]*?)\nendstream/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    try {
      const body = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      // Text operators: (literal) Tj and [(a) -20 (b)] TJ, and <hex> strings.
      for (const t of body.matchAll(/\[(.*?)\]\s*TJ|\((.*?)\)\s*Tj|<([0-9a-fA-F]+)>\s*Tj/g)) {
        if (t[1])
          out.push(
            [...t[1].matchAll(/\((.*?)\)|<([0-9a-fA-F]+)>/g)]
              .map((x) => x[1] ?? Buffer.from(x[2]!, 'hex').toString('latin1'))
              .join(''),
          );
        else if (t[2]) out.push(t[2]);
        else if (t[3]) out.push(Buffer.from(t[3], 'hex').toString('latin1'));
      }
    } catch {
      // not a compressed content stream (fonts, images)
    }
  }
  return out.join(' ');
}
