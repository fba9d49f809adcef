import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { WALLET_ENTRY_KINDS } from '@/lib/wallet/constants';

/** Filters the ledger by kind; a plain GET form, so it works before any script loads. */
export async function KindFilter({ current }: { current: string }) {
  const t = await getTranslations('wallet');
  const common = await getTranslations('common');
  return (
    <form method="get" action="/wallet" className="flex items-end gap-2">
      <div>
        <label htmlFor="kind" className="sr-only">
          {t('kind')}
        </label>
        <select id="kind" name="kind" defaultValue={current} className={inputClass} data-testid="ledger-kind">
          <option value="">{t('allKinds')}</option>
          {WALLET_ENTRY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass('secondary')}>
        {common('filter')}
      </button>
    </form>
  );
}
