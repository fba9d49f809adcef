'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { MAC_PATTERN, normalizeMac } from '@/lib/field/rules';
import type { MyBag } from '@/lib/inventory/field-stock';

/**
 * A modem replaced on a repair: the old one's serial, where it goes (faulty / RMA, or back to
 * the bag when it still works), and the new one from the bag. Asked to confirm: both move at once.
 */
export function SwapForm({
  bag,
  onSwap,
  busy,
}: {
  bag: MyBag | null;
  onSwap: (extra: Record<string, unknown>) => Promise<void>;
  busy: boolean;
}) {
  const t = useTranslations('inventoryField.swap');
  const [outSerial, setOutSerial] = useState('');
  const [outTo, setOutTo] = useState<'faulty' | 'bag'>('faulty');
  const [inSerial, setInSerial] = useState('');
  const [mac, setMac] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const input = 'min-h-11 w-full rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900';

  const missing = () => {
    if (outSerial.trim().length < 3) return t('needOld');
    if (inSerial.trim().length < 3) return t('needNew');
    if (mac.trim() && !MAC_PATTERN.test(mac.trim())) return t('badMac');
    return null;
  };

  return (
    <div className="space-y-2" data-testid="swap-form">
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t('old')}</span>
        <input
          value={outSerial}
          onChange={(e) => setOutSerial(e.target.value)}
          maxLength={64}
          autoCapitalize="characters"
          className={input}
          data-testid="swap-out"
        />
      </label>
      <fieldset className="flex gap-2 text-sm">
        <legend className="mb-1 font-medium">{t('oldTo')}</legend>
        {(['faulty', 'bag'] as const).map((to) => (
          <label
            key={to}
            className="flex min-h-11 flex-1 items-center gap-2 rounded-lg border border-slate-300 px-3 dark:border-slate-700"
          >
            <input type="radio" name="swap-out-to" checked={outTo === to} onChange={() => setOutTo(to)} />
            {t(`to.${to}`)}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t('new')}</span>
        <input
          value={inSerial}
          onChange={(e) => setInSerial(e.target.value)}
          maxLength={64}
          autoCapitalize="characters"
          list="swap-bag-serials"
          className={input}
          data-testid="swap-in"
        />
        <datalist id="swap-bag-serials">
          {bag?.units.map((u) => (
            <option key={u.id} value={u.serial}>
              {u.itemName}
            </option>
          ))}
        </datalist>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t('mac')}</span>
        <input
          value={mac}
          onChange={(e) => setMac(e.target.value)}
          maxLength={17}
          placeholder="AA:BB:CC:DD:EE:FF"
          className={input}
        />
      </label>
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <div
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
          role="alertdialog"
        >
          <p>{t('confirmText', { old: outSerial.trim(), new: inSerial.trim() })}</p>
          <div className="flex gap-2">
            <Button
              className="flex-1"
              disabled={busy}
              onClick={async () => {
                setConfirming(false);
                await onSwap({
                  outSerial: outSerial.trim(),
                  outTo,
                  inSerial: inSerial.trim(),
                  ...(mac.trim() ? { macAddress: normalizeMac(mac.trim()) } : {}),
                });
                setOutSerial('');
                setInSerial('');
                setMac('');
              }}
              data-testid="swap-confirm"
            >
              {t('confirm')}
            </Button>
            <Button variant="secondary" className="flex-1" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          className="w-full"
          onClick={() => {
            const problem = missing();
            setError(problem);
            setConfirming(!problem);
          }}
          data-testid="swap-submit"
        >
          {t('submit')}
        </Button>
      )}
    </div>
  );
}
