'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button, buttonClass } from '@/components/ui/button';

export function PrintBar({ width }: { width: number }) {
  const t = useTranslations('receipt');
  return (
    <div className="no-print mb-3 flex flex-wrap items-center justify-center gap-2">
      <Button onClick={() => window.print()}>{t('print')}</Button>
      <span className="text-sm">{t('width')}:</span>
      {[58, 80].map((w) => (
        <Link key={w} href={`?w=${w}`} className={buttonClass(w === width ? 'primary' : 'secondary', 'min-h-9')}>
          {w} mm
        </Link>
      ))}
    </div>
  );
}
