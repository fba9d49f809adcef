'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { convertLeadAction, rejectLeadAction } from '@/app/_actions/customers';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatCustomerNumber } from '@/lib/customers/constants';

export function ConvertLeadForm({
  leadId,
  suggestion,
  odp,
}: {
  leadId: string;
  suggestion: { serviceUsername: string; servicePassword: string };
  odp: { id: string; code: string; free: number[] } | null;
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(convertLeadAction, (data) => router.push(`/customers/${data.customerId}`));
  const [port, setPort] = useState('');
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && (
          <Alert kind="success">
            {t('leads.converted', { number: formatCustomerNumber(form.result.data.number) })}
          </Alert>
        )}
      </div>
      <input type="hidden" name="leadId" value={leadId} />
      <TextField
        label={t('leads.serviceUsername')}
        name="serviceUsername"
        defaultValue={suggestion.serviceUsername}
        autoCapitalize="none"
        error={form.fieldError('serviceUsername')}
      />
      <TextField
        label={t('leads.servicePassword')}
        name="servicePassword"
        defaultValue={suggestion.servicePassword}
        autoCapitalize="none"
        error={form.fieldError('servicePassword')}
      />
      {odp && (
        <>
          {/* Only a chosen port pins the ODP; otherwise conversion picks the nearest with room. */}
          {port && <input type="hidden" name="odpId" value={odp.id} />}
          <SelectField
            label={t('network.leadPort', { code: odp.code })}
            name="odpPort"
            value={port}
            onChange={(e) => setPort(e.target.value)}
            error={form.fieldError('odpPort')}
            hint={odp.free.length === 0 ? t('network.noFreePort') : t('network.servicePortHint')}
            options={[
              { value: '', label: t('network.portUnknown') },
              ...odp.free.map((p) => ({ value: String(p), label: t('network.portNumber', { port: p }) })),
            ]}
          />
        </>
      )}
      <div>
        <Button type="submit" disabled={form.pending} data-testid="convert-lead">
          {t('leads.convert')}
        </Button>
      </div>
    </form>
  );
}

export function RejectLeadButton({ leadId }: { leadId: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <TextField
        label={t('leads.rejectReason')}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ConfirmButton
        label={t('leads.reject')}
        message={`${t('leads.reject')}: ${reason || '—'}?`}
        onConfirm={async () => {
          const r = await rejectLeadAction({ leadId, reason });
          if (r.ok) router.refresh();
          else setError(r.fieldErrors?.reason ?? r.message);
        }}
      />
    </div>
  );
}
