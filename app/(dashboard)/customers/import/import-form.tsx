'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { importCustomersAction, previewImportAction } from '@/app/_actions/customers';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { DateField } from '@/components/ui/date-field';
import { inputClass } from '@/components/ui/field';
import { Table, Td } from '@/components/ui/table';
import type { ImportPreview } from '@/lib/customers/import';
import { ImportSchedule } from './import-schedule';

export function ImportForm() {
  const t = useTranslations();
  const [csv, setCsv] = useState<string | null>(null);
  const [paidUntil, setPaidUntil] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const check = (text: string, until = paidUntil) =>
    startTransition(async () => {
      setDone(null);
      const r = await previewImportAction({ csv: text, paidUntil: until });
      setError(r.ok ? null : r.message);
      setPreview(r.ok ? r.data : null);
    });
  const run = () =>
    startTransition(async () => {
      if (csv === null) return; // the button shows only with a previewed file
      const r = await importCustomersAction({ csv, paidUntil });
      if (!r.ok) return setError(r.message);
      setPreview(r.data.preview);
      setDone(r.data.imported > 0 ? r.data.imported : null);
    });

  return (
    <Card>
      <div className="space-y-3">
        <label className="block text-sm font-medium" htmlFor="csv-file">
          {t('import.file')}
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          className={inputClass}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const text = await file.text();
            setCsv(text);
            check(text);
          }}
        />
        <DateField
          label={t('import.paidUntil')}
          value={paidUntil}
          testId="import-paid-until"
          hint={t('import.paidUntilHint')}
          onChange={(iso) => {
            setPaidUntil(iso);
            if (csv) check(csv, iso);
          }}
        />
        {pending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
        {error && <Alert>{error}</Alert>}
        {done !== null && (
          <Alert kind="success">
            {t('import.done', { count: done })}{' '}
            <Link href="/customers?sort=number" className="underline">
              {t('nav.customers')}
            </Link>
          </Alert>
        )}
        {preview && done === null && (
          <div className="space-y-3" data-testid="import-preview">
            <p className="text-sm font-medium">
              {t('import.summary', { total: preview.total, valid: preview.valid, errors: preview.errors.length })}
            </p>
            {preview.errors.length > 0 ? (
              <>
                <Alert>{t('import.nothingImported')}</Alert>
                <Table testId="import-errors" head={[t('import.line'), t('import.column'), t('import.message')]}>
                  {preview.errors.slice(0, 500).map((e, i) => (
                    <tr key={i}>
                      <Td>{e.line}</Td>
                      <Td>
                        <code className="text-xs">{e.column}</code>
                      </Td>
                      <Td>{e.message}</Td>
                    </tr>
                  ))}
                </Table>
              </>
            ) : (
              preview.valid > 0 && (
                <>
                  <ImportSchedule sample={preview.sample} total={preview.valid} />
                  <Button onClick={run} disabled={pending} data-testid="run-import">
                    {t('import.run', { count: preview.valid })}
                  </Button>
                </>
              )
            )}
          </div>
        )}
        {csv && (
          <button type="button" className={buttonClass('ghost')} onClick={() => check(csv)} disabled={pending}>
            {t('import.check')}
          </button>
        )}
      </div>
    </Card>
  );
}
