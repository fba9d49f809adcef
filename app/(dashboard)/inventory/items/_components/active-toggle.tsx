'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  setItemActiveAction,
  setLocationActiveAction,
  setSupplierActiveAction,
} from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';

type Target = { kind: 'item'; id: string } | { kind: 'supplier'; id: string } | { kind: 'location'; id: string };
const NS = { item: 'items', supplier: 'suppliers', location: 'locations' } as const;

/** Deactivate (asks first) or activate again: the catalogue never deletes. */
export function ActiveToggle({ target, active }: { target: Target; active: boolean }) {
  const t = useTranslations('inventoryCatalogue');
  const [error, setError] = useState<string | null>(null);
  const run = async (next: boolean) => {
    const input = { active: next ? 'true' : 'false' } as unknown as { active: boolean };
    const r =
      target.kind === 'item'
        ? await setItemActiveAction({ itemId: target.id, ...input })
        : target.kind === 'supplier'
          ? await setSupplierActiveAction({ supplierId: target.id, ...input })
          : await setLocationActiveAction({ locationId: target.id, ...input });
    setError(r.ok ? null : r.message);
  };
  const ns = NS[target.kind];
  return (
    <div className="space-y-1">
      {active ? (
        <ConfirmButton
          label={t(`${ns}.deactivate`)}
          message={t(`${ns}.deactivateConfirm`)}
          onConfirm={() => run(false)}
          testId="deactivate"
        />
      ) : (
        <Button variant="secondary" onClick={() => run(true)} data-testid="activate">
          {t(`${ns}.activate`)}
        </Button>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
