'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { compressFile, compressVideoFrame, openCamera, stopStream } from './media';

/**
 * Takes a photo with the phone's camera in the page (or, without camera access, through the
 * camera app via a file input) and hands back the compressed JPEG.
 */
export function PhotoCamera({ onPhoto, onClose }: { onPhoto: (blob: Blob) => void; onClose: () => void }) {
  const t = useTranslations('fieldApp.photos');
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live: MediaStream | null = null;
    let cancelled = false;
    openCamera()
      .then(async (s) => {
        if (cancelled) return stopStream(s);
        live = s;
        setStream(s);
        video.current!.srcObject = s;
        await video.current!.play();
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      stopStream(live);
    };
  }, []);

  const take = async () => {
    if (!video.current || !stream) return;
    setBusy(true);
    try {
      onPhoto(await compressVideoFrame(video.current));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2" data-testid="photo-camera">
      {!failed && (
        <video ref={video} playsInline muted className="aspect-video w-full rounded-lg bg-black object-cover" />
      )}
      <div className="grid grid-cols-2 gap-2">
        <Button onClick={take} disabled={!stream || busy} data-testid="photo-take">
          {t('take')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('close')}
        </Button>
      </div>
      <label className="flex min-h-11 cursor-pointer items-center justify-center rounded-lg border border-dashed border-slate-300 px-3 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-200">
        {failed ? t('noCameraPick') : t('pick')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          className="sr-only"
          data-testid="photo-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) onPhoto(await compressFile(file));
            e.target.value = '';
          }}
        />
      </label>
    </div>
  );
}
