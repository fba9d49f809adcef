'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { importNetworkAction, previewNetworkImportAction } from '@/app/_actions/infrastructure';
import { Alert, Badge } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass, SelectField } from '@/components/ui/field';
import { Table, Td } from '@/components/ui/table';
import { IMPORT_KINDS, POINT_KINDS, type PointKind } from '@/lib/infrastructure/geo-io-kind';
import type { GeoImportPreview } from '@/lib/infrastructure/geo-io-plan';

type Done = { imported: number; skipped: number };

export function GeoImportForm() {
  const t = useTranslations('networkIo');
  const [file, setFile] = useState<File | null>(null);
  const [defaultKind, setDefaultKind] = useState<PointKind>('odp');
  const [preview, setPreview] = useState<GeoImportPreview | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // The file goes up again on confirm: the server keeps nothing between the two steps.
  const form = (f: File, kind: PointKind) => {
    const data = new FormData();
    data.set('file', f);
    data.set('defaultKind', kind);
    return data;
  };
  const check = (f: File, kind: PointKind) =>
    startTransition(async () => {
      setDone(null);
      const r = await previewNetworkImportAction(form(f, kind));
      setError(r.ok ? null : (r.fieldErrors?.file ?? r.message));
      setPreview(r.ok ? r.data : null);
    });
  const run = async () => {
    if (!file) return;
    const r = await importNetworkAction(form(file, defaultKind));
    if (!r.ok) return setError(r.fieldErrors?.file ?? r.message);
    setPreview(r.data.preview);
    setDone({ imported: r.data.imported, skipped: r.data.skipped });
  };
  const updates = preview ? IMPORT_KINDS.reduce((n, k) => n + preview.counts[k].update, 0) : 0;

  return (
    <div className="mt-4 space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label className="block text-sm font-medium text-slate-700 dark:text-slate-300" htmlFor="geo-file">
            {t('file')}
          </label>
          <input
            id="geo-file"
            type="file"
            accept=".geojson,.json,.kml,.kmz,application/geo+json,application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz"
            className={inputClass}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              if (f) check(f, defaultKind);
            }}
          />
          <p className="text-xs text-slate-500">{t('fileHint')}</p>
        </div>
        <SelectField
          label={t('defaultKind')}
          name="defaultKind"
          hint={t('defaultKindHint')}
          value={defaultKind}
          onChange={(e) => {
            const kind = e.target.value as PointKind;
            setDefaultKind(kind);
            if (file) check(file, kind);
          }}
          options={POINT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
      </div>
      {pending && <p className="text-sm text-slate-500">{t('reading')}</p>}
      {error && <Alert>{error}</Alert>}
      {done && (
        <Alert kind="success">
          {t('done', { count: done.imported, skipped: done.skipped })}{' '}
          <Link href="/network" className="underline">
            {t('openNetwork')}
          </Link>
        </Alert>
      )}
      {preview && <PreviewTables preview={preview} />}
      {preview && !done && preview.valid > 0 && (
        <ConfirmButton
          variant="primary"
          label={t('run', { count: preview.valid })}
          message={t('confirm', { count: preview.valid, updates, skipped: preview.errors })}
          onConfirm={run}
          testId="run-geo-import"
        />
      )}
    </div>
  );
}

function PreviewTables({ preview }: { preview: GeoImportPreview }) {
  const t = useTranslations('networkIo');
  const kinds = IMPORT_KINDS.filter((k) => preview.counts[k].new + preview.counts[k].update > 0);
  return (
    <div className="space-y-3" data-testid="geo-import-preview">
      <p className="text-sm font-medium">
        {t('summary', {
          total: preview.total,
          valid: preview.valid,
          errors: preview.errors,
          format: preview.format.toUpperCase(),
        })}
      </p>
      {kinds.length > 0 && (
        <Table testId="geo-import-counts" head={[t('kind'), t('actions.new'), t('actions.update')]}>
          {kinds.map((k) => (
            <tr key={k}>
              <Td>{t(`kinds.${k}`)}</Td>
              <Td>{preview.counts[k].new}</Td>
              <Td>{preview.counts[k].update}</Td>
            </tr>
          ))}
        </Table>
      )}
      {preview.rows.length < preview.total && (
        <p className="text-xs text-slate-500">{t('rowsShown', { shown: preview.rows.length, total: preview.total })}</p>
      )}
      <Table testId="geo-import-rows" head={[t('line'), t('kind'), t('code'), t('name'), t('result')]}>
        {preview.rows.map((r, i) => (
          <tr key={i}>
            <Td>{r.line}</Td>
            <Td>{t(`kinds.${r.kind}`)}</Td>
            <Td>
              <code className="text-xs">{r.code}</code>
            </Td>
            <Td>{r.name}</Td>
            <Td>
              {r.error ? (
                <span className="text-red-700 dark:text-red-400">{r.error}</span>
              ) : (
                <span className="space-y-1">
                  <Badge color={r.action === 'new' ? 'green' : 'blue'}>{t(`actions.${r.action ?? 'new'}`)}</Badge>
                  {r.warning && <span className="block text-xs text-amber-700 dark:text-amber-400">{r.warning}</span>}
                </span>
              )}
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
