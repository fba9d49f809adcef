'use client';
import { QrImage as Qr, useQrDataUrl } from '@/components/ui/qr-image';

/** The pairing QR the worker received, drawn in the browser; it changes about every 20 s. */
export function QrImage({ text, alt }: { text: string; alt: string }) {
  return <Qr src={useQrDataUrl(text, 'L')} alt={alt} testId="pairing-qr" />;
}
