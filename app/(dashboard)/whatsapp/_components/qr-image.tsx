'use client';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The pairing QR the worker received, drawn in the browser; it changes about every 20 s. */
export function QrImage({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 2, width: 320, errorCorrectionLevel: 'L' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? (
    // eslint-disable-next-line @next/next/no-img-element -- a data URL drawn here, nothing to optimise
    <img src={src} alt={alt} width={256} height={256} className="mx-auto h-64 w-64 rounded bg-white" data-testid="pairing-qr" />
  ) : (
    <div className="mx-auto h-64 w-64 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
  );
}
