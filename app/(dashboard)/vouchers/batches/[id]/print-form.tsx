'use client';
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
 * The login URL starts as the organization's (Settings → Organization) and may be changed or
 * cleared for one print; the server validates it again.
 */
export function PrintForm({ batchId, cards, defaultLoginUrl }: { batchId: string; cards: number; defaultLoginUrl: string | null }) {
  const t = useTranslations('vouchers.print');
  const [format, setFormat] = useState<'a4' | 'thermal'>('a4');
  const [perPage, setPerPage] = useState(10);
  const [loginUrl, setLoginUrl] = useState(defaultLoginUrl ?? '');
  const [part, setPart] = useState(1);
  const parts = Math.max(1, Math.ceil(cards / PART_SIZE));
  const validUrl = loginUrl.trim() === '' || /^https?:\/\/[^\s"<>/]+\S*$/.test(loginUrl.trim());
  const qs = new URLSearchParams({ format, perPage: String(perPage), part: String(part) });
  // Always sent: blank means "no login URL on this print", not "the organization's".
  qs.set('loginUrl', validUrl ? loginUrl.trim() : '');
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
          <select id="print-format" className={inputClass} value={format} onChange={(e) => setFormat(e.target.value as 'a4' | 'thermal')} data-testid="print-format">
            <option value="a4">{t('a4')}</option>
            <option value="thermal">{t('thermal')}</option>
          </select>
        </div>
        {format === 'a4' && (
          <div className="space-y-1">
            {label('print-per-page', t('perPage'))}
            <select id="print-per-page" className={inputClass} value={perPage} onChange={(e) => setPerPage(Number(e.target.value))}>
              {CARDS_PER_PAGE.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="space-y-1 sm:col-span-2">
          {label('print-login-url', t('loginUrl'))}
          <input
            id="print-login-url"
            type="url"
            className={inputClass}
            value={loginUrl}
            placeholder="http://hotspot.netku.id/login"
            aria-invalid={!validUrl}
            onChange={(e) => setLoginUrl(e.target.value)}
          />
          <p className={`text-xs ${validUrl ? 'text-slate-500' : 'text-red-600'}`}>{t('loginUrlHint')}</p>
        </div>
        {parts > 1 && (
          <div className="space-y-1">
            {label('print-part', t('part'))}
            <select id="print-part" className={inputClass} value={part} onChange={(e) => setPart(Number(e.target.value))}>
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
        <a href={`/api/vouchers/batches/${batchId}/pdf?${qs}`} className={buttonClass('primary')} data-testid="print-pdf" target="_blank" rel="noopener">
          {t('download')}
        </a>
        <p className="text-xs text-slate-500">{t('note')}</p>
      </div>
    </Card>
  );
}
