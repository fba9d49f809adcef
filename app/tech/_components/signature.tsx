'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import { Button } from '@/components/ui/button';
import { SIGNED_NAME_MIN } from '@/lib/field/rules';
import { canvasBlob } from './media';

/** The customer signs on the phone with a finger (signature_pad), and types their name. */
export function SignatureForm({
  defaultName,
  onSave,
}: {
  defaultName: string;
  onSave: (blob: Blob, signedName: string) => void;
}) {
  const t = useTranslations('fieldApp.signature');
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [name, setName] = useState(defaultName);
  const [empty, setEmpty] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = canvas.current!;
    // Drawn at the screen's pixel density so the line is sharp on the SPK.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = el.offsetWidth * ratio;
    el.height = el.offsetHeight * ratio;
    el.getContext('2d')!.scale(ratio, ratio);
    const p = new SignaturePad(el, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(15,23,42)' });
    p.addEventListener('endStroke', () => setEmpty(p.isEmpty()));
    pad.current = p;
    return () => p.off();
  }, []);

  const save = async () => {
    if (!pad.current || pad.current.isEmpty()) return setError(t('empty'));
    if (name.trim().length < SIGNED_NAME_MIN) return setError(t('nameRequired'));
    setError(null);
    onSave(await canvasBlob(canvas.current!, 'image/png'), name.trim());
  };

  return (
    <div className="space-y-2" data-testid="signature-form">
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        aria-label={t('pad')}
        className="h-44 w-full touch-none rounded-lg border border-slate-300 bg-white dark:border-slate-700"
      />
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t('name')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
          className="min-h-11 w-full rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      {error && <p className="text-sm text-red-600">{error}</p>}
      <div className="grid grid-cols-2 gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            pad.current?.clear();
            setEmpty(true);
          }}
        >
          {t('clear')}
        </Button>
        <Button onClick={save} disabled={empty} data-testid="signature-save">
          {t('save')}
        </Button>
      </div>
    </div>
  );
}
