'use client';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code drawn in the browser as a PNG data URL (null while drawing). */
export function useQrDataUrl(text: string, errorCorrectionLevel: 'L' | 'M' = 'M') {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 2, width: 320, errorCorrectionLevel })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, errorCorrectionLevel]);
  return src;
}

/** The QR itself, 256 px, with a placeholder of the same size while it is drawn. */
export function QrImage({ src, alt, testId }: { src: string | null; alt: string; testId: string }) {
  return src ? (
    // biome-ignore lint/performance/noImgElement: a data URL drawn here, nothing to optimise
    <img
      src={src}
      alt={alt}
      width={256}
      height={256}
      className="mx-auto h-64 w-64 rounded bg-white"
      data-testid={testId}
    />
  ) : (
    <div className="mx-auto h-64 w-64 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
  );
}
