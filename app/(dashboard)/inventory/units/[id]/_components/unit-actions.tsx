'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { retireUnitAction, returnUnitAction } from '@/app/_actions/inventory-moves';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';

/**
 * What the warehouse can do with one unit: mark it faulty / RMA, write it off (reason
 * required, confirmed), or return it from a customer or from RMA to a warehouse, shelf or bag.
 */
export function UnitActions({
  unitId,
  kind,
  destinations,
}: {
  unitId: string;
  kind: string;
  destinations: { id: string; label: string }[];
}) {
  const t = useTranslations('inventoryMoves.unit');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [toLocationId, setToLocationId] = useState(destinations[0]?.id ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  if (kind === 'written_off')
    return (
      <Card>
        <p className="text-sm">{t('writtenOff')}</p>
      </Card>
    );

  const retire = (to: 'faulty' | 'written_off') =>
    new Promise<void>((resolve) =>
      start(async () => {
        const r = await retireUnitAction({ unitId, to, reason });
        setReasonError(r.ok ? undefined : r.fieldErrors?.reason);
        setMessage(
          r.ok
            ? { ok: true, text: t(to === 'faulty' ? 'faultyDone' : 'writeOffDone') }
            : { ok: false, text: r.fieldErrors?.reason ? r.message : r.message },
        );
        if (r.ok) setReason('');
        resolve();
      }),
    );

  const giveBack = () =>
    start(async () => {
      const r = await returnUnitAction({ unitId, toLocationId, reason: reason || null });
      setMessage(
        r.ok
          ? { ok: true, text: t('returnDone', { destination: r.data.destination.name }) }
          : { ok: false, text: r.message },
      );
    });

  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('actions')}</h2>
      <TextField
        label={t('reasonLabel')}
        name="reason"
        value={reason}
        maxLength={300}
        placeholder={t('reasonPlaceholder')}
        onChange={(e) => setReason(e.target.value)}
        error={reasonError}
      />
      <div className="flex flex-wrap gap-2">
        {kind !== 'faulty' && (
          <ConfirmButton
            label={t('markFaulty')}
            message={t('confirmFaulty')}
            variant="secondary"
            disabled={pending}
            onConfirm={() => retire('faulty')}
            testId="unit-faulty"
          />
        )}
        <ConfirmButton
          label={t('writeOff')}
          message={t('confirmWriteOff')}
          disabled={pending}
          onConfirm={() => retire('written_off')}
          testId="unit-write-off"
        />
      </div>
      {(kind === 'customer' || kind === 'faulty') && destinations.length > 0 && (
        <div className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-end">
          <SelectField
            label={t('returnTitle')}
            name="toLocationId"
            value={toLocationId}
            onChange={(e) => setToLocationId(e.target.value)}
            options={destinations.map((d) => ({ value: d.id, label: d.label }))}
          />
          <Button variant="secondary" disabled={pending} onClick={giveBack} data-testid="unit-return">
            {t('returnSubmit')}
          </Button>
        </div>
      )}
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
    </Card>
  );
}
