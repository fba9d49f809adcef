import { voucherComment } from '@/lib/core/voucher-comment';
import { MENUS } from '@/lib/network/router-state';
import type { RouterApi, RouterRow } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';
import { pipelined } from '@/lib/server/pipelined';

/**
 * Router-side steps for vouchers over an open API connection (no database here). Vouchers
 * are hotspot users whose comment is `jaring:<batch id>`: that is how a retried delivery
 * finds what it already added, and how the status sync finds a batch's users.
 */
const USERS = MENUS.hotspot.secret;
const PROFILES = MENUS.hotspot.profile;

export type VoucherProfileOnRouter = {
  name: string;
  rateLimit: string | null;
  sharedUsers: number;
  timeQuotaMinutes: number | null;
  dataQuotaBytes: number | null;
};

export type VoucherUser = { code: string; password: string };

/** The hotspot user profile (rate-limit, shared users), added or corrected. */
export async function ensureVoucherProfile(api: RouterApi, profile: VoucherProfileOnRouter) {
  const [row] = await api.exec(`${PROFILES}/print`, [
    `?name=${profile.name}`,
    '=.proplist=.id,name,rate-limit,shared-users',
  ]);
  const words = [
    `=shared-users=${profile.sharedUsers}`,
    ...(profile.rateLimit ? [`=rate-limit=${profile.rateLimit}`] : []),
  ];
  if (!row) {
    await api.exec(`${PROFILES}/add`, [`=name=${profile.name}`, ...words]);
    return 'created' as const;
  }
  if (
    row['shared-users'] === String(profile.sharedUsers) &&
    (!profile.rateLimit || row['rate-limit'] === profile.rateLimit)
  )
    return 'unchanged' as const;
  await api.exec(`${PROFILES}/set`, [`=.id=${row['.id']}`, ...words]);
  return 'updated' as const;
}

/** The words of one voucher's `add`: quotas are the router's own limits (it enforces them). */
export function voucherUserWords(user: VoucherUser, profile: VoucherProfileOnRouter, batchId: string): string[] {
  return [
    `=name=${user.code}`,
    `=password=${user.password}`,
    `=profile=${profile.name}`,
    ...(profile.timeQuotaMinutes ? [`=limit-uptime=${profile.timeQuotaMinutes}m`] : []),
    ...(profile.dataQuotaBytes ? [`=limit-bytes-total=${profile.dataQuotaBytes}`] : []),
    `=comment=${voucherComment(batchId)}`,
  ];
}

/** Names of the batch's users already on the router (one filtered print). */
export async function batchUsersOnRouter(api: RouterApi, batchId: string, props = '.id,name'): Promise<RouterRow[]> {
  return api.exec(`${USERS}/print`, [`?comment=${voucherComment(batchId)}`, `=.proplist=${props}`]);
}

const isDuplicate = (e: unknown) =>
  e instanceof RouterError && e.kind === 'trap' && /already (exists|have)/i.test(e.message);

export type DeliveryReport = {
  total: number;
  added: number;
  existing: number;
  failed: { code: string; error: string }[];
};

/**
 * Adds the batch's users that are not on the router yet, pipelined over the connection.
 * Idempotent: users already there with this batch's comment are skipped. A name taken by
 * some other hotspot user is reported as failed, never counted as delivered. A refused
 * command is reported per voucher; a lost connection is thrown (the job retries).
 */
export async function deliverVoucherUsers(
  api: RouterApi,
  p: {
    batchId: string;
    profile: VoucherProfileOnRouter;
    users: VoucherUser[];
    progress?: (done: number, total: number) => Promise<void>;
  },
): Promise<DeliveryReport> {
  await ensureVoucherProfile(api, p.profile);
  const present = new Set((await batchUsersOnRouter(api, p.batchId)).map((r) => r.name));
  const report: DeliveryReport = { total: p.users.length, added: 0, existing: 0, failed: [] };
  const missing = p.users.filter((u) => !present.has(u.code));
  report.existing = p.users.length - missing.length;
  let done = report.existing;
  const step = Math.max(50, Math.ceil(p.users.length / 50));
  await p.progress?.(done, report.total);
  await pipelined(
    missing.map((user) => async () => {
      try {
        await api.exec(`${USERS}/add`, voucherUserWords(user, p.profile, p.batchId));
        report.added++;
      } catch (error) {
        if (!(error instanceof RouterError) || error.kind !== 'trap') throw error;
        if (isDuplicate(error)) {
          // Added by an earlier attempt whose answer was lost, or another entry's name?
          const [row] = await api.exec(`${USERS}/print`, [`?name=${user.code}`, '=.proplist=name,comment']);
          if (row?.comment === voucherComment(p.batchId)) report.existing++;
          else report.failed.push({ code: user.code, error: 'name used by another hotspot user' });
        } else report.failed.push({ code: user.code, error: error.message });
      }
      if (++done % step === 0) await p.progress?.(done, report.total);
    }),
  );
  await p.progress?.(report.total, report.total);
  return report;
}

/** RouterOS durations (`1w2d3h4m5s`, `500ms`) in whole seconds. */
export function parseUptime(value: string | undefined | null): number {
  if (!value) return 0;
  let seconds = 0;
  for (const [, n, unit] of value.matchAll(/(\d+)(ms|w|d|h|m|s)/g)) {
    const k = { w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 }[unit as 'w'];
    seconds += Number(n) * k;
  }
  return Math.floor(seconds);
}

export type VoucherUsage = { code: string; seconds: number; bytes: number; disabled: boolean };

/** Uptime and traffic of a batch's users as the router counts them (cumulative). */
export async function readBatchUsage(api: RouterApi, batchId: string): Promise<VoucherUsage[]> {
  const rows = await batchUsersOnRouter(api, batchId, '.id,name,uptime,bytes-in,bytes-out,disabled');
  return rows.map((r) => ({
    code: r.name ?? '',
    seconds: parseUptime(r.uptime),
    bytes: Number(r['bytes-in'] ?? 0) + Number(r['bytes-out'] ?? 0),
    disabled: r.disabled === 'true' || r.disabled === 'yes',
  }));
}

/** Disables users by name and drops their live sessions (validity over, or withdrawn). */
export async function disableVoucherUsers(api: RouterApi, codes: string[]) {
  if (codes.length === 0) return 0;
  await pipelined(
    codes.map((code) => () => api.exec(`${USERS}/set`, [`=numbers=${code}`, '=disabled=yes']).catch(ignoreMissing)),
  );
  const wanted = new Set(codes);
  const active = await api.exec(`${MENUS.hotspot.active}/print`, ['=.proplist=.id,user']);
  const ids = active.filter((a) => wanted.has(a.user ?? '')).map((a) => a['.id']!);
  for (let i = 0; i < ids.length; i += 100)
    await api
      .exec(`${MENUS.hotspot.active}/remove`, [`=numbers=${ids.slice(i, i + 100).join(',')}`])
      .catch(ignoreMissing);
  return ids.length;
}

function ignoreMissing(error: unknown): RouterRow[] {
  if (error instanceof RouterError && error.kind === 'trap' && /no such item/i.test(error.message)) return [];
  throw error;
}
