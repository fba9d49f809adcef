'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { openCamera, stopStream } from './media';

// The formats a modem's or ONT's label carries: Code 128 / 39 barcodes and QR codes.
const FORMATS = ['code_128', 'code_39', 'qr_code', 'data_matrix', 'ean_13'];

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (opts: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

/**
 * The browser's own BarcodeDetector where it has one (Chrome on Android), else ZXing
 * (@zxing/browser, loaded only then) on the same camera stream.
 */
async function nativeDetector(): Promise<Detector | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  const supported = await Native.getSupportedFormats().catch(() => [] as string[]);
  const formats = FORMATS.filter((f) => supported.includes(f));
  return formats.length > 0 ? new Native({ formats }) : null;
}

export function SerialScanner({ onScan, onClose }: { onScan: (value: string) => void; onClose: () => void }) {
  const t = useTranslations('fieldApp.scan');
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let stopZxing: (() => void) | null = null;
    const found = (value: string) => {
      if (stopped || !value.trim()) return;
      stopped = true;
      onScan(value.trim());
    };
    (async () => {
      try {
        stream = await openCamera();
        const el = video.current!;
        el.srcObject = stream;
        await el.play();
        const detector = await nativeDetector();
        if (detector) {
          while (!stopped) {
            const codes = await detector.detect(el).catch(() => []);
            if (codes[0]) found(codes[0].rawValue);
            await new Promise((r) => setTimeout(r, 150));
          }
          return;
        }
        const { BrowserMultiFormatReader } = await import('@zxing/browser');
        const reader = new BrowserMultiFormatReader();
        const controls = await reader.decodeFromVideoElement(el, (result) => {
          if (result) found(result.getText());
        });
        stopZxing = () => controls.stop();
        if (stopped) stopZxing();
      } catch {
        if (!stopped) setError(t('noCamera'));
      }
    })();
    return () => {
      stopped = true;
      stopZxing?.();
      stopStream(stream);
    };
  }, [onScan, t]);

  return (
    <div className="space-y-2" data-testid="scanner">
      <video ref={video} playsInline muted className="aspect-video w-full rounded-lg bg-black object-cover" />
      <p className="text-sm text-slate-600 dark:text-slate-300">{error ?? t('hint')}</p>
      <Button variant="secondary" onClick={onClose} className="w-full">
        {t('cancel')}
      </Button>
    </div>
  );
}
