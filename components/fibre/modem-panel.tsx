'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState, useTransition } from 'react';
import {
  factoryResetModemAction,
  findModemAction,
  modemCardAction,
  pushPppoeAction,
  rebootModemAction,
  refreshModemAction,
  setWifiAction,
} from '@/app/_actions/acs';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import type { AcsTaskStatus } from '@/db/enums';
import type { ModemCardData } from '@/lib/fibre/acs/modem';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { Result } from '@/lib/server/operation';
import { formatDbmValue } from './signal-style';

const STATUS_COLOR: Record<AcsTaskStatus, 'slate' | 'amber' | 'green' | 'red'> = {
  sending: 'slate',
  queued: 'amber',
  done: 'green',
  fault: 'red',
  failed: 'red',
};
const PENDING_SEARCH = ['queued', 'running', 'retrying'];
const POLL_MS = 3_000;

/**
 * The modem card's live part: the summary and when it was read, the actions the member may
 * take, and the recent requests, read again every few seconds while one is still on its way
 * ("menunggu modem online" until the modem's next inform).
 */
export function ModemPanel({
  subscriptionId,
  initial,
  canManage,
  canReset,
  locale,
  timeZone,
}: {
  subscriptionId: string;
  initial: ModemCardData;
  canManage: boolean;
  canReset: boolean;
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations('acs.modem');
  const [data, setData] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const at = (v: Date | string | null | undefined) => formatDateTime(v, locale, timeZone);

  const reload = useCallback(async () => {
    const r = await modemCardAction({ subscriptionId });
    if (r.ok && r.data.configured) setData(r.data);
  }, [subscriptionId]);
  const busy =
    data.tasks.some((x) => x.status === 'sending' || x.status === 'queued') ||
    (data.search !== null && PENDING_SEARCH.includes(data.search.state));
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, reload]);

  // Field errors stay with their form (the WiFi form shows them); the rest shows on the card.
  const ask = (run: () => Promise<Result<unknown>>) =>
    new Promise<Result<unknown>>((resolve) =>
      start(async () => {
        const r = await run();
        setError(r.ok || r.fieldErrors ? null : r.message);
        setNotice(r.ok ? t('requested') : null);
        if (r.ok) await reload();
        resolve(r);
      }),
    );

  const device = data.device;
  return (
    <Card className="space-y-3">
      <div data-testid="modem-card" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">{t('title')}</h2>
          {device && (
            <Button
              variant="secondary"
              disabled={pending}
              data-testid="modem-refresh"
              onClick={() => ask(() => refreshModemAction({ acsDeviceId: device.id }))}
            >
              {t('refresh')}
            </Button>
          )}
        </div>
        {error && <Alert>{error}</Alert>}
        {notice && !error && <Alert kind="success">{notice}</Alert>}
        {device ? (
          <Summary device={device} at={at} locale={locale} />
        ) : (
          <NoModem
            data={data}
            canManage={canManage}
            pending={pending}
            onSearch={() => ask(() => findModemAction({ subscriptionId }))}
          />
        )}
        {device && canManage && (
          <div className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
            <WifiForm
              hasFiveGhz={device.summary.ssid5 != null}
              pending={pending}
              onSend={(fields) => ask(() => setWifiAction({ acsDeviceId: device.id, ...fields }))}
            />
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                disabled={pending}
                data-testid="modem-pppoe"
                title={t('pppoeHint')}
                onClick={() => ask(() => pushPppoeAction({ acsDeviceId: device.id }))}
              >
                {t('pppoePush')}
              </Button>
              <ConfirmButton
                label={t('reboot')}
                message={t('rebootConfirm')}
                testId="modem-reboot"
                disabled={pending}
                onConfirm={async () => {
                  await ask(() => rebootModemAction({ acsDeviceId: device.id }));
                }}
              >
                {t('reboot')}
              </ConfirmButton>
            </div>
            {canReset && (
              <FactoryReset
                serial={device.serial}
                pending={pending}
                onReset={(confirm) => factoryResetModemAction({ acsDeviceId: device.id, confirm })}
                onDone={reload}
              />
            )}
          </div>
        )}
        {device && <Tasks tasks={data.tasks} at={at} />}
      </div>
    </Card>
  );
}

type Device = NonNullable<ModemCardData['device']>;

function Summary({ device, at, locale }: { device: Device; at: (v: Date | string | null) => string; locale: Locale }) {
  const t = useTranslations('acs.modem');
  const s = device.summary;
  const uptime = s.uptimeSeconds ?? null;
  // The modem's own word (TR-098/TR-181 ConnectionStatus, English): in the reader's language
  // when it is one of the standard values, as the modem said it otherwise.
  const wanStatusText = (status: string) => (t.has(`wanStatuses.${status}`) ? t(`wanStatuses.${status}`) : status);
  const rows: [string, string | null][] = [
    [t('serial'), device.serial],
    [t('model'), [device.manufacturer, device.model].filter(Boolean).join(' ') || null],
    [t('firmware'), device.firmware],
    [
      t('uptime'),
      uptime === null
        ? null
        : t('uptimeValue', {
            d: Math.floor(uptime / 86_400),
            h: Math.floor((uptime % 86_400) / 3600),
            m: Math.floor((uptime % 3600) / 60),
          }),
    ],
    [t('rx'), s.rxPowerDbm == null ? null : t('dbm', { value: formatDbmValue(s.rxPowerDbm, locale) })],
    [t('wan'), s.wanStatus ? t('wanValue', { status: wanStatusText(s.wanStatus), ip: s.wanIp ?? 'none' }) : null],
    [t('pppoe'), s.pppoeUsername ?? null],
    [t('ssid24'), s.ssid24 ?? null],
    [t('ssid5'), s.ssid5 ?? null],
    [t('clients'), t('clientsCount', { count: s.clients?.length ?? 0 })],
  ];
  return (
    <div className="space-y-2" data-testid="modem-summary">
      <dl className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-words">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {(s.clients?.length ?? 0) > 0 && (
        <ul className="space-y-1 text-xs text-slate-600 dark:text-slate-400" data-testid="modem-clients">
          {s.clients!.map((c) => (
            <li key={`${c.mac}-${c.ip}`} className="break-words">
              {c.host ?? '—'} · {c.ip ?? '—'} · {c.mac ?? '—'}
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-500" data-testid="modem-read-at">
        {device.summaryAt ? t('readAt', { at: at(device.summaryAt) }) : t('never')}
        {device.lastInformAt && ` · ${t('lastInform', { at: at(device.lastInformAt) })}`}
      </p>
    </div>
  );
}

function NoModem({
  data,
  canManage,
  pending,
  onSearch,
}: {
  data: ModemCardData;
  canManage: boolean;
  pending: boolean;
  onSearch: () => void;
}) {
  const t = useTranslations('acs.modem');
  const te = useTranslations('acs.errors');
  const search = data.search;
  const searching = search !== null && PENDING_SEARCH.includes(search.state);
  const kind = search?.error ? /^\[acs\.([a-z_]+)\]/.exec(search.error)?.[1] : undefined;
  return (
    <div className="space-y-2" data-testid="modem-none">
      <p className="text-sm">{t('notFound')}</p>
      <p className="text-xs text-slate-500">{t('notFoundHint')}</p>
      {searching && <p className="text-sm text-slate-600 dark:text-slate-400">{t('searching')}</p>}
      {search?.state === 'done' && <p className="text-sm text-amber-700 dark:text-amber-400">{t('searchNone')}</p>}
      {search?.state === 'failed' && (
        <Alert>{t('searchFailed', { reason: te(kind && te.has(kind) ? kind : 'unreachable') })}</Alert>
      )}
      {data.manual.acsUrl && (
        <p className="break-words text-xs text-slate-500">
          {t('manual', { url: data.manual.acsUrl, username: data.manual.cwmpUsername ?? '—' })}
        </p>
      )}
      {canManage && (
        <Button disabled={pending || searching} onClick={onSearch} data-testid="modem-search">
          {t('search')}
        </Button>
      )}
    </div>
  );
}

type WifiFields = { ssid24?: string; password24?: string; ssid5?: string; password5?: string };

function WifiForm({
  hasFiveGhz,
  pending,
  onSend,
}: {
  hasFiveGhz: boolean;
  pending: boolean;
  onSend: (fields: WifiFields) => Promise<Result<unknown>>;
}) {
  const t = useTranslations('acs.modem');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    const fields = Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])) as WifiFields;
    void (async () => {
      const r = await onSend(fields);
      setFieldErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      if (r.ok) form.reset();
    })();
  };
  return (
    <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium" data-testid="modem-wifi-open">
        {t('wifi')}
      </summary>
      <form onSubmit={submit} className="mt-2 space-y-3" noValidate data-testid="modem-wifi-form">
        <TextField
          label={t('ssid24Label')}
          name="ssid24"
          id="modem-ssid24"
          autoComplete="off"
          error={fieldErrors.ssid24}
        />
        <TextField
          label={t('password24Label')}
          name="password24"
          id="modem-password24"
          type="password"
          autoComplete="new-password"
          hint={t('passwordBlank')}
          error={fieldErrors.password24}
        />
        {hasFiveGhz && (
          <>
            <TextField
              label={t('ssid5Label')}
              name="ssid5"
              id="modem-ssid5"
              autoComplete="off"
              error={fieldErrors.ssid5}
            />
            <TextField
              label={t('password5Label')}
              name="password5"
              id="modem-password5"
              type="password"
              autoComplete="new-password"
              hint={t('passwordBlank')}
              error={fieldErrors.password5}
            />
          </>
        )}
        <Button type="submit" disabled={pending} data-testid="modem-wifi-send" className="w-full sm:w-auto">
          {t('sendWifi')}
        </Button>
      </form>
    </details>
  );
}

function FactoryReset({
  serial,
  pending,
  onReset,
  onDone,
}: {
  serial: string;
  pending: boolean;
  onReset: (confirm: string) => Promise<Result<unknown>>;
  onDone: () => Promise<void>;
}) {
  const t = useTranslations('acs.modem');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, start] = useTransition();
  return (
    <details className="rounded-lg border border-red-200 p-3 dark:border-red-900">
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-red-700 dark:text-red-400">
        {t('reset')}
      </summary>
      <div className="mt-2 space-y-3">
        <p className="text-sm">{t('resetWarn', { serial })}</p>
        <TextField
          label={t('resetConfirmLabel')}
          name="confirm"
          id="modem-reset-confirm"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={error ?? undefined}
        />
        <Button
          variant="danger"
          disabled={pending || busy || typed.trim().toUpperCase() !== serial.toUpperCase()}
          data-testid="modem-reset"
          onClick={() =>
            start(async () => {
              const r = await onReset(typed);
              setError(r.ok ? null : (r.fieldErrors?.confirm ?? r.message));
              if (r.ok) {
                setTyped('');
                await onDone();
              }
            })
          }
        >
          {t('resetYes')}
        </Button>
      </div>
    </details>
  );
}

function Tasks({ tasks, at }: { tasks: ModemCardData['tasks']; at: (v: Date | string | null) => string }) {
  const t = useTranslations('acs.modem');
  const te = useTranslations('acs.errors');
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
      <h3 className="text-sm font-medium">{t('tasks')}</h3>
      {tasks.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noTasks')}</p>
      ) : (
        <ul className="space-y-2" data-testid="modem-tasks">
          {tasks.map((task) => (
            <li
              key={task.id}
              className="text-sm"
              data-testid="modem-task"
              data-status={task.status}
              data-kind={task.kind}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{t(`kinds.${task.kind}`)}</span>
                <Badge color={STATUS_COLOR[task.status]}>{t(`statuses.${task.status}`)}</Badge>
                <span className="text-xs text-slate-500">{at(task.createdAt)}</span>
              </div>
              {task.fault && (
                <p className="break-words text-xs text-red-700 dark:text-red-400">
                  {task.status === 'failed' && te.has(task.fault)
                    ? te(task.fault)
                    : t('faultDetail', { fault: task.fault })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
