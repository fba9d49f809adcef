'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { importStockAction, previewStockImportAction } from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { decodeCsvBytes } from '@/lib/inventory/catalogue-csv';

type Preview = {
  total: number;
  valid: number;
  errors: { line: number; column: string; message: string }[];
  summary: { sku: string; location: string; quantity: number }[];
};

/** Check first (a dry run that writes nothing), then import the same text all-or-nothing. */
export function StockImportForm({ template }: { template: string }) {
  const t = useTranslations('inventoryCatalogue');
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ csv: string; preview: Preview } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const ready = checked && checked.csv === csv && checked.preview.errors.length === 0 && checked.preview.valid > 0;

  const check = () =>
    startTransition(async () => {
      setMessage(null);
      const r = await previewStockImportAction({ csv });
      if (r.ok) setChecked({ csv, preview: r.data });
      else setMessage({ ok: false, text: r.message });
    });
  const run = () =>
    startTransition(async () => {
      const r = await importStockAction({ csv });
      if (!r.ok) return setMessage({ ok: false, text: r.message });
      if (r.data.imported === 0) return setChecked({ csv, preview: r.data.preview });
      setMessage({ ok: true, text: t('import.done', { count: r.data.imported }) });
      setChecked(null);
      setCsv('');
    });

  return (
    <div className="space-y-4">
      <Card className="space-y-3">
        <label className="block space-y-1 text-sm">
          <span className="font-medium">{t('import.file')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            className="block min-h-11 w-full text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setCsv(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())));
            }}
          />
        </label>
        <label className="block space-y-1 text-sm">
          <span className="font-medium">{t('import.text')}</span>
          <textarea
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            rows={8}
            className={`${inputClass} py-2 font-mono`}
            data-testid="import-csv"
          />
        </label>
        <p className="text-xs text-slate-500">{t('import.columns')}</p>
        <details>
          <summary className="flex min-h-11 cursor-pointer items-center text-sm">{t('import.template')}</summary>
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{template}</pre>
        </details>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={check} disabled={pending || !csv.trim()} data-testid="import-check">
            {t('import.check')}
          </Button>
          <Button onClick={run} disabled={pending || !ready} data-testid="import-run">
            {t('import.run')}
          </Button>
        </div>
      </Card>
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      {checked && (
        <Card className="space-y-2" data-testid="import-preview">
          <p className="font-semibold">
            {t('import.summary', { valid: checked.preview.valid, total: checked.preview.total })}
          </p>
          {checked.preview.errors.length > 0 ? (
            <>
              <p className="text-sm text-red-700 dark:text-red-300">{t('import.errorsTitle')}</p>
              <ul className="space-y-1 text-sm" data-testid="import-errors">
                {checked.preview.errors.slice(0, 200).map((e, i) => (
                  <li
                    key={`${e.line}-${e.column}-${i}`}
                  >{`${t('fields.line')} ${e.line} · ${e.column}: ${e.message}`}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p className="text-sm">{t('import.ready')}</p>
              <ul className="space-y-1 text-sm" data-testid="import-summary">
                {checked.preview.summary.map((s) => (
                  <li
                    key={`${s.sku}-${s.location}`}
                    className="font-mono"
                  >{`${s.sku} → ${s.location}: ${s.quantity}`}</li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
