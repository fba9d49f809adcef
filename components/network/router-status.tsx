import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/card';
import { ROUTER_ERROR_KINDS, type RouterErrorKind, type RouterStatus } from '@/lib/network/constants';

/** Anything stored or returned as an error kind, narrowed to one we have words for. */
export function toErrorKind(value: unknown): RouterErrorKind {
  return ROUTER_ERROR_KINDS.includes(value as RouterErrorKind) ? (value as RouterErrorKind) : 'unknown';
}

const COLOR = { online: 'green', offline: 'red', unknown: 'slate' } as const;

/** Online green, offline red with why (short), never checked grey. Works on server and client. */
export function RouterStatusBadge({
  status,
  errorKind,
}: {
  status: RouterStatus | string | null;
  errorKind?: string | null;
}) {
  const t = useTranslations('routers');
  const s: RouterStatus = status === 'online' || status === 'offline' ? status : 'unknown';
  return (
    <span data-testid="router-status" data-status={s}>
      <Badge color={COLOR[s]}>
        {t(`statuses.${s}`)}
        {s === 'offline' && errorKind ? ` · ${t(`errorKinds.${toErrorKind(errorKind)}`)}` : ''}
      </Badge>
    </span>
  );
}

/** What went wrong, in words an operator can act on, plus the router's own message. */
export function RouterErrorExplanation({
  kind,
  message,
}: {
  kind: string | null | undefined;
  message?: string | null;
}) {
  const t = useTranslations('routers');
  const k = toErrorKind(kind);
  return (
    <div className="space-y-1 text-sm">
      <p className="font-medium text-red-700 dark:text-red-400">{t(`errorKinds.${k}`)}</p>
      <p>{t(`errors.${k}`)}</p>
      {message && <p className="break-words font-mono text-xs text-slate-500">{message}</p>}
    </div>
  );
}
