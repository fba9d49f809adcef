import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

const LINK = 'inline-flex min-h-11 items-center text-sm underline';

/** A record page's way out: back to its list tab, or to the network map with its card open. */
export async function RecordLinks({
  kind,
  id,
  at,
  tab,
}: {
  kind: 'odp' | 'site' | 'cable';
  id: string;
  at: [number, number];
  tab: string;
}) {
  const t = await getTranslations();
  return (
    <>
      <Link
        href={`/map?lat=${at[0]}&lng=${at[1]}&zoom=18&select=${kind}:${id}`}
        className={buttonClass('secondary')}
        data-testid="record-on-map"
      >
        {t('map.viewOnMap')}
      </Link>
      <Link href={tab === 'odp' ? '/network' : `/network?tab=${tab}`} className={LINK}>
        {t('network.backToList')}
      </Link>
    </>
  );
}
