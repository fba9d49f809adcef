import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect } from '@/components/ui/filter-select';
import { WALLET_ENTRY_KINDS } from '@/lib/wallet/constants';

/** Filters the ledger by kind; a plain GET form, so it works before any script loads. */
export async function KindFilter({ current }: { current: string }) {
  const t = await getTranslations('wallet');
  const common = await getTranslations('common');
  return (
    <form method="get" action="/wallet" className="flex items-end gap-2">
      <div>
        <FilterSelect
          id="kind"
          name="kind"
          label={t('kind')}
          value={current}
          allText={t('allKinds')}
          className=""
          testId="ledger-kind"
          options={WALLET_ENTRY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
      </div>
      <button type="submit" className={buttonClass('secondary')}>
        {common('filter')}
      </button>
    </form>
  );
}
