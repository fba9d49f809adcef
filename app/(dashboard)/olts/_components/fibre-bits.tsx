import { getLocale, getTranslations } from 'next-intl/server';
import { formatDbm } from '@/components/fibre/signal-style';
import { Badge } from '@/components/ui/card';
import type { OltStatus, OnuState, SignalLevel } from '@/db/enums';
import { oltErrorCode } from '@/lib/fibre/olt/status';

const STATE_COLOR = { working: 'green', los: 'red', dying_gasp: 'amber', offline: 'slate', unknown: 'slate' } as const;
const LEVEL_CLASS = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  warning: 'text-amber-700 dark:text-amber-400',
  critical: 'text-red-700 dark:text-red-400',
} as const;

export async function OnuStateBadge({ state }: { state: OnuState }) {
  const t = await getTranslations('olts');
  return <Badge color={STATE_COLOR[state]}>{t(`onuStates.${state}`)}</Badge>;
}

/** RX power with its level in colour and in words (colour alone says nothing to some readers). */
export async function SignalText({ dbm, level }: { dbm: number | null; level: SignalLevel | null }) {
  const [t, locale] = await Promise.all([getTranslations('olts'), getLocale()]);
  if (dbm === null) return <span className="text-slate-500">—</span>;
  return (
    <span className={`whitespace-nowrap font-medium ${level ? LEVEL_CLASS[level] : ''}`} data-testid="onu-rx">
      {formatDbm(dbm, locale)}
      {level && <span className="ml-1 text-xs">({t(`levels.${level}`)})</span>}
    </span>
  );
}

export async function OltStatusBadge({ status }: { status: OltStatus }) {
  const t = await getTranslations('olts');
  const color = status === 'online' ? 'green' : status === 'offline' ? 'red' : 'slate';
  return <Badge color={color}>{t(`statuses.${status}`)}</Badge>;
}

/**
 * Why the OLT's command line failed, for the operator: `last_error` is `<kind>: <detail>`, so
 * the kind's message (`errors.olt_<kind>`, what to do next) in the reader's language, then
 * the OLT's or the socket's own words small beneath it. Text without a known kind shows as is.
 */
export async function OltErrorText({ error, className = '' }: { error: string; className?: string }) {
  const t = await getTranslations('errors');
  const code = oltErrorCode(error);
  if (!code || !t.has(code)) return <span className={`block break-words text-red-700 ${className}`}>{error}</span>;
  return (
    <span className={`block break-words text-red-700 ${className}`} data-testid="olt-error">
      {t(code)}
      <span className="mt-0.5 block break-all font-mono text-xs text-slate-500">
        {error.slice(error.indexOf(':') + 1).trim()}
      </span>
    </span>
  );
}
