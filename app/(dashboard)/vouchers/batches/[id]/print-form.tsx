'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

// Same numbers as lib/vouchers/print.ts (that module is server-only: it reads the database).
const CARDS_PER_PAGE = [8, 10, 20, 40];
const PART_SIZE = 1000;

/**
 * Builds the PDF link; the PDF itself is made (and the print audited) by the server route.
 * The login QR always points at the organization's saved login URL (Settings → Organization):
 * the link only says whether to print it, so a shared link cannot redirect customers.
 */
export function PrintForm({
  batchId,
  cards,
  defaultLoginUrl,
}: {
  batchId: string;
  cards: number;
  defaultLoginUrl: string | null;
}) {
  const t = useTranslations('vouchers.print');
  const [format, setFormat] = useState<'a4' | 'thermal'>('a4');
  const [perPage, setPerPage] = useState(10);
  const [withQr, setWithQr] = useState(true);
  const [part, setPart] = useState(1);
  const parts = Math.max(1, Math.ceil(cards / PART_SIZE));
  const qs = new URLSearchParams({ format, perPage: String(perPage), part: String(part) });
  if (!withQr) qs.set('qr', '0');
  const label = (id: string, text: string) => (
    <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
      {text}
    </label>
  );
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('title')}</h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-1">
          {label('print-format', t('format'))}
          <select
            id="print-format"
            className={inputClass}
            value={format}
            onChange={(e) => setFormat(e.target.value as 'a4' | 'thermal')}
            data-testid="print-format"
          >
            <option value="a4">{t('a4')}</option>
            <option value="thermal">{t('thermal')}</option>
          </select>
        </div>
        {format === 'a4' && (
          <div className="space-y-1">
            {label('print-per-page', t('perPage'))}
            <select
              id="print-per-page"
              className={inputClass}
              value={perPage}
              onChange={(e) => setPerPage(Number(e.target.value))}
            >
              {CARDS_PER_PAGE.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="space-y-1 sm:col-span-2">
          <p className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('loginUrl')}</p>
          {defaultLoginUrl ? (
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-5 w-5"
                checked={withQr}
                onChange={(e) => setWithQr(e.target.checked)}
                data-testid="print-qr"
              />
              <span className="break-all">{t('withQr', { url: defaultLoginUrl })}</span>
            </label>
          ) : (
            <p className="text-sm text-slate-500">{t('noLoginUrl')}</p>
          )}
          <p className="text-xs text-slate-500">
            {t('loginUrlHint')}{' '}
            <Link href="/settings/organization" className="underline">
              {t('loginUrlSettings')}
            </Link>
          </p>
        </div>
        {parts > 1 && (
          <div className="space-y-1">
            {label('print-part', t('part'))}
            <select
              id="print-part"
              className={inputClass}
              value={part}
              onChange={(e) => setPart(Number(e.target.value))}
            >
              {Array.from({ length: parts }, (_, i) => (
                <option key={i} value={i + 1}>
                  {t('partOf', { part: i + 1, from: i * PART_SIZE + 1, to: Math.min(cards, (i + 1) * PART_SIZE) })}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <a
          href={`/api/vouchers/batches/${batchId}/pdf?${qs}`}
          className={buttonClass('primary')}
          data-testid="print-pdf"
          target="_blank"
          rel="noopener"
        >
          {t('download')}
        </a>
        <p className="text-xs text-slate-500">{t('note')}</p>
      </div>
    </Card>
  );
}
