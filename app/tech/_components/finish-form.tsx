'use client';
import { ScanLine } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { MAC_PATTERN, normalizeMac } from '@/lib/field/rules';
import type { FieldWorkOrderView } from '@/lib/field/view';
import { SerialScanner } from './scanner';

/**
 * Finishing the visit. An installation records the modem's serial (typed or scanned from its
 * label), MAC and ODP port; what the office requires (photos, the customer's signature) is
 * checked here first so the technician hears it on the spot, and again by the server.
 */
export function FinishForm({
  wo,
  onFinish,
  busy,
  bagSerials = [],
  activatedSerial,
}: {
  wo: FieldWorkOrderView;
  onFinish: (extra: Record<string, unknown>) => Promise<void>;
  busy: boolean;
  /** The serials in the technician's bag, offered with a tap (still scannable or typed). */
  bagSerials?: string[];
  /** The ONU the zero-touch activation installed: the finish records that one. */
  activatedSerial?: string;
}) {
  const t = useTranslations('fieldApp.finish');
  const tb = useTranslations('inventoryField.finish');
  // Where a line goes in, the port it uses and the modem's MAC are recorded too.
  const cabling = wo.type === 'installation' || wo.type === 'relocation';
  const [serial, setSerial] = useState(activatedSerial ?? '');
  const [mac, setMac] = useState('');
  const [port, setPort] = useState(wo.odpPort ? String(wo.odpPort) : '');
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Finishing cannot be undone from the phone (an installation switches the customer on): asked first.
  const [confirming, setConfirming] = useState(false);
  const onScan = useCallback((value: string) => {
    setSerial(value);
    setScanning(false);
  }, []);

  const missing = (): string | null => {
    if (wo.photoCount < wo.requiredPhotos) return t('needPhotos', { count: wo.requiredPhotos - wo.photoCount });
    if (wo.needsSignature && !wo.signed) return t('needSignature');
    if (serial.trim().length < 3) return t('needSerial');
    if (mac.trim() && !MAC_PATTERN.test(mac.trim())) return t('badMac');
    if (port.trim() && !/^\d{1,3}$/.test(port.trim())) return t('badPort');
    return null;
  };

  const ask = () => {
    const problem = missing();
    setError(problem);
    setConfirming(!problem);
  };

  const submit = async () => {
    const problem = missing();
    setError(problem);
    setConfirming(false);
    if (problem) return;
    await onFinish({
      serialNumber: serial.trim(),
      ...(cabling && mac.trim() ? { macAddress: normalizeMac(mac.trim()) } : {}),
      ...(cabling && wo.odpId ? { odpId: wo.odpId } : {}),
      ...(cabling && port.trim() ? { odpPort: Number(port.trim()) } : {}),
    });
  };

  return (
    <div className="space-y-2" data-testid="finish-form">
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t('serial')}</span>
        <div className="flex gap-2">
          <input
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
            maxLength={64}
            autoCapitalize="characters"
            className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900"
            data-testid="finish-serial"
          />
          <Button variant="secondary" onClick={() => setScanning(true)} aria-label={t('scan')} data-testid="scan-open">
            <ScanLine className="size-5" aria-hidden />
            {t('scan')}
          </Button>
        </div>
      </label>
      {scanning && <SerialScanner onScan={onScan} onClose={() => setScanning(false)} />}
      {wo.type === 'installation' && bagSerials.length > 0 && (
        <div className="space-y-1" data-testid="finish-bag-serials">
          <p className="text-sm text-slate-500">{tb('fromBag')}</p>
          <div className="flex flex-wrap gap-2">
            {bagSerials.slice(0, 12).map((s) => (
              <button
                key={s}
                type="button"
                onClick={() => setSerial(s)}
                className={`min-h-11 rounded-lg border px-3 font-mono text-sm ${serial === s ? 'border-brand-600 bg-brand-50 dark:bg-brand-950' : 'border-slate-300 dark:border-slate-700'}`}
              >
                {s}
              </button>
            ))}
          </div>
        </div>
      )}
      {cabling && (
        <div className="grid grid-cols-2 gap-2">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t('mac')}</span>
            <input
              value={mac}
              onChange={(e) => setMac(e.target.value)}
              maxLength={17}
              placeholder="AA:BB:CC:DD:EE:FF"
              className="min-h-11 w-full rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900"
              data-testid="finish-mac"
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t('port')}</span>
            <input
              value={port}
              onChange={(e) => setPort(e.target.value)}
              inputMode="numeric"
              maxLength={3}
              className="min-h-11 w-full rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900"
              data-testid="finish-port"
            />
          </label>
        </div>
      )}
      {error && (
        <p className="text-sm text-red-600" role="alert" data-testid="finish-error">
          {error}
        </p>
      )}
      {confirming ? (
        <div
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
          role="alertdialog"
          aria-label={t('confirmTitle', { number: wo.number })}
          data-testid="finish-confirm-panel"
        >
          <p className="font-medium">{t('confirmTitle', { number: wo.number })}</p>
          <p>{wo.type === 'installation' ? t('confirmActivates') : t('confirmFinal')}</p>
          <div className="flex gap-2">
            <Button className="flex-1" onClick={submit} disabled={busy} data-testid="finish-confirm">
              {t('confirm')}
            </Button>
            <Button variant="secondary" className="flex-1" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button className="w-full" onClick={ask} disabled={busy} data-testid="finish-submit">
          {t('submit')}
        </Button>
      )}
    </div>
  );
}
