'use client';
import { Camera, CameraOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { beep, startBarcodeStream } from './barcode-stream';

/** What the page made of one scan: taken, or refused with the reason to show (a duplicate, an unknown serial). */
export type ScanOutcome = { ok: boolean; message: string };

// The camera reads the label in front of it many times a second: the same code again within
// this time is the same scan, not a new one.
const SAME_CODE_MS = 2_500;

/**
 * Scanning one code after another: the phone's camera (continuous, a beep per code) and a
 * text field for a USB or Bluetooth scanner (it types the code and presses Enter) or for
 * typing. Every value goes to `onScan`, which says whether it was taken; the last outcomes are
 * listed under the field.
 */
export function ContinuousScanner({
  onScan,
  label,
  disabled,
}: {
  onScan: (value: string) => Promise<ScanOutcome> | ScanOutcome;
  label?: string;
  disabled?: boolean;
}) {
  const t = useTranslations('scan');
  const video = useRef<HTMLVideoElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [log, setLog] = useState<(ScanOutcome & { value: string; at: number })[]>([]);
  const recent = useRef(new Map<string, number>());
  const busy = useRef(Promise.resolve());

  // One scan at a time, in the order they were read: a duplicate is then always seen as one.
  const take = useCallback(
    (value: string, fromCamera: boolean) => {
      const now = Date.now();
      if (fromCamera) {
        const last = recent.current.get(value);
        recent.current.set(value, now);
        if (last && now - last < SAME_CODE_MS) return;
      }
      busy.current = busy.current.then(async () => {
        const outcome = await Promise.resolve(onScan(value)).catch(() => ({ ok: false, message: t('failed') }));
        beep(outcome.ok);
        setLog((l) => [{ ...outcome, value, at: Date.now() }, ...l].slice(0, 5));
      });
    },
    [onScan, t],
  );

  useEffect(() => {
    if (!camera || !video.current) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    startBarcodeStream(video.current, (value) => take(value, true))
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => {
        if (!cancelled) {
          setCameraError(t('noCamera'));
          setCamera(false);
        }
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [camera, take, t]);

  const submitTyped = (e: React.FormEvent) => {
    e.preventDefault();
    const value = typed.trim();
    if (!value) return;
    setTyped('');
    take(value, false);
    input.current?.focus();
  };

  return (
    <div className="space-y-2" data-testid="continuous-scanner">
      <form onSubmit={submitTyped} className="flex gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{label ?? t('field')}</span>
          <input
            ref={input}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={label ?? t('field')}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={64}
            disabled={disabled}
            className="min-h-11 w-full rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900"
            data-testid="scan-input"
          />
        </label>
        <Button type="submit" variant="secondary" disabled={disabled} data-testid="scan-add">
          {t('add')}
        </Button>
      </form>
      <Button
        type="button"
        variant={camera ? 'secondary' : 'primary'}
        className="w-full"
        disabled={disabled}
        onClick={() => {
          setCameraError(null);
          setCamera((c) => !c);
        }}
        data-testid="scan-camera"
      >
        {camera ? <CameraOff className="size-5" aria-hidden /> : <Camera className="size-5" aria-hidden />}
        {camera ? t('cameraOff') : t('cameraOn')}
      </Button>
      {/* Always laid out while on, so the page does not jump under the user's thumb. */}
      {camera && (
        <video ref={video} playsInline muted className="aspect-video w-full rounded-lg bg-black object-cover" />
      )}
      {cameraError && (
        <p className="text-sm text-red-600" role="alert">
          {cameraError}
        </p>
      )}
      <ul className="space-y-1" aria-live="polite" data-testid="scan-feedback">
        {log.map((entry) => (
          <li
            key={`${entry.at}-${entry.value}`}
            className={`rounded-md px-2 py-1 text-sm ${entry.ok ? 'bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100' : 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100'}`}
            data-ok={entry.ok}
          >
            <span className="font-mono">{entry.value}</span> · {entry.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
