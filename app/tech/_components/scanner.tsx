'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { startBarcodeStream } from '@/components/scan/barcode-stream';
import { Button } from '@/components/ui/button';

/** Scans one serial from the modem's label and hands it back (the finish form's scan button). */
export function SerialScanner({ onScan, onClose }: { onScan: (value: string) => void; onClose: () => void }) {
  const t = useTranslations('fieldApp.scan');
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let stop: (() => void) | null = null;
    startBarcodeStream(video.current!, (value) => {
      if (stopped) return;
      stopped = true;
      stop?.();
      onScan(value);
    })
      .then((s) => {
        if (stopped) s();
        else stop = s;
      })
      .catch(() => {
        if (!stopped) setError(t('noCamera'));
      });
    return () => {
      stopped = true;
      stop?.();
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
