'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button, buttonClass } from '@/components/ui/button';

/** Print, paper width and the way back to the customer: on screen only (hidden on paper). */
export function PrintBar({ width, backHref }: { width: number; backHref: string }) {
  const t = useTranslations('receipt');
  return (
    <div className="no-print mb-3 flex flex-wrap items-center justify-center gap-2">
      <Link href={backHref} className={buttonClass('ghost')} data-testid="receipt-back">
        {t('back')}
      </Link>
      <Button onClick={() => window.print()} data-testid="receipt-print">
        {t('print')}
      </Button>
      <span className="text-sm">{t('width')}:</span>
      {[58, 80].map((w) => (
        <Link key={w} href={`?w=${w}`} className={buttonClass(w === width ? 'primary' : 'secondary')}>
          {w} mm
        </Link>
      ))}
    </div>
  );
}
