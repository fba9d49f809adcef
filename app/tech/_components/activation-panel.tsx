'use client';
import { ScanLine } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { ActivationSteps } from '@/components/fibre/activation-steps';
import { Button } from '@/components/ui/button';
import type { ActivationView } from '@/lib/fibre/activation/queries';
import { SerialScanner } from './scanner';

const POLL_MS = 2_000;
const inputClass =
  'min-h-11 w-full min-w-0 rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900';

/**
 * Zero-touch activation on an installation: the technician scans the ONU's serial (or taps
 * one from the bag), types the customer's WiFi, and "Aktifkan" runs the steps on the server.
 * The state is the server's (it survives a reload); while it runs the phone reads it again
 * every few seconds. A failed step says what failed and offers to run it again.
 */
export function ActivationPanel({
  workOrderId,
  bagSerials = [],
  onChange,
}: {
  workOrderId: string;
  bagSerials?: string[];
  onChange?: (activation: ActivationView | null) => void;
}) {
  const t = useTranslations('activation');
  const [activation, setActivation] = useState<ActivationView | null | undefined>(undefined);
  const [fresh, setFresh] = useState(false);
  const [serial, setSerial] = useState('');
  const [ssid, setSsid] = useState('');
  const [password, setPassword] = useState('');
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/field/work-orders/${workOrderId}/activation`;

  const load = useCallback(async () => {
    try {
      const response = await fetch(base, { cache: 'no-store' });
      if (!response.ok) return;
      const data = (await response.json()) as ActivationView | null;
      setActivation(data);
      onChange?.(data);
    } catch {
      setActivation((a) => a ?? null);
    }
  }, [base, onChange]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (activation?.status !== 'running') return;
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [activation?.status, load]);

  const send = async (url: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const data = (await response.json().catch(() => null)) as {
        ok?: false;
        message?: string;
        fieldErrors?: Record<string, string>;
      } | null;
      if (!response.ok) {
        setError(Object.values(data?.fieldErrors ?? {})[0] ?? data?.message ?? t('online'));
        return;
      }
      setFresh(false);
      await load();
    } catch {
      setError(t('online'));
    } finally {
      setBusy(false);
    }
  };

  const start = () => {
    if (serial.trim().length < 3) return setError(t('needSerial'));
    void send(base, { serial: serial.trim(), wifiSsid: ssid.trim(), wifiPassword: password });
  };
  const onScan = useCallback((value: string) => {
    setSerial(value);
    setScanning(false);
  }, []);

  if (activation === undefined) return null;
  const showForm = fresh || !activation || activation.status === 'cancelled';

  return (
    <div className="space-y-3" data-testid="activation-panel">
      {activation && !showForm && <ActivationSteps activation={activation} />}
      {activation && !showForm && activation.status === 'done' && (
        <p className="text-sm font-medium text-emerald-700" data-testid="activation-done">
          {t('doneAll')}
        </p>
      )}
      {activation && !showForm && activation.needsPonLink && (
        <a href="/olts" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
          {t('linkPon')}
        </a>
      )}
      {activation && !showForm && activation.canRetry && (
        <div className="grid grid-cols-1 gap-2">
          <Button onClick={() => void send(`${base}/retry`)} disabled={busy} data-testid="activation-retry">
            {t('retry')}
          </Button>
          <Button variant="secondary" onClick={() => setFresh(true)} disabled={busy}>
            {t('again')}
          </Button>
        </div>
      )}
      {showForm && (
        <div className="space-y-2" data-testid="activation-form">
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('hint')}</p>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t('serial')}</span>
            <div className="flex gap-2">
              <input
                value={serial}
                onChange={(e) => setSerial(e.target.value)}
                maxLength={64}
                autoCapitalize="characters"
                className={`${inputClass} flex-1`}
                data-testid="activation-serial"
              />
              <Button variant="secondary" onClick={() => setScanning(true)} data-testid="activation-scan">
                <ScanLine className="size-5" aria-hidden />
                {t('scan')}
              </Button>
            </div>
          </label>
          {scanning && <SerialScanner onScan={onScan} onClose={() => setScanning(false)} />}
          {bagSerials.length > 0 && (
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
          )}
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t('wifiSsid')}</span>
            <input
              value={ssid}
              onChange={(e) => setSsid(e.target.value)}
              maxLength={32}
              className={inputClass}
              data-testid="activation-ssid"
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t('wifiPassword')}</span>
            <input
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              maxLength={63}
              autoComplete="off"
              className={inputClass}
              data-testid="activation-wifi-password"
            />
            <span className="mt-1 block text-xs text-slate-500">{t('wifiHint')}</span>
          </label>
          <Button className="w-full" onClick={start} disabled={busy} data-testid="activation-start">
            {busy ? t('starting') : t('start')}
          </Button>
        </div>
      )}
      {error && (
        <p className="text-sm text-red-600" role="alert" data-testid="activation-error">
          {error}
        </p>
      )}
    </div>
  );
}
