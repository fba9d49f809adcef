import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, plans, subscriptions } from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { isVoucherEntry } from '@/lib/core/voucher-comment';
import { decryptSecret } from '@/lib/crypto';
import type { RouterApi, RouterRow } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';
import { pipelined } from '@/lib/server/pipelined';
import { ensureProfiles, kickSession, type ProfileSpec } from './router-ops';
import {
  type DesiredSecret,
  desiredSecret,
  diffSecret,
  fixCommands,
  MENUS,
  planProfileName,
  planRateLimit,
  type SecretChange,
  type SecretKind,
  secretProplist,
  secretWords,
} from './router-state';

type RouterSettings = { id: string; isolirProfile: string; isolirRateLimit: string; isolirAddressList: string };

/** What the database says one router should hold (the source of truth). */
export async function loadDesiredState(db: Db, p: { orgId: string; router: RouterSettings; subscriptionId?: string }) {
  const rows = await db
    .select({
      id: subscriptions.id,
      serviceUsername: subscriptions.serviceUsername,
      passwordEnc: subscriptions.servicePasswordEnc,
      status: subscriptions.status,
      remoteAddress: subscriptions.remoteAddress,
      localAddress: subscriptions.localAddress,
      callerId: subscriptions.callerId,
      serviceType: plans.serviceType,
      planName: plans.name,
      routerProfile: plans.routerProfile,
      downloadKbps: plans.downloadKbps,
      uploadKbps: plans.uploadKbps,
      burst: plans.burst,
      customerNumber: customers.number,
      customerName: customers.name,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        eq(subscriptions.routerId, p.router.id),
        p.subscriptionId ? eq(subscriptions.id, p.subscriptionId) : undefined,
      ),
    );
  const desired = new Map<string, DesiredSecret>();
  const terminated = new Set<string>();
  const known = new Set<string>();
  const profiles = new Map<string, ProfileSpec>();
  for (const r of rows) {
    if (r.serviceType === 'static') continue;
    const key = `${r.serviceType}:${r.serviceUsername}`;
    // Known, so never "extra": a pending customer's entry may be prepared ahead of installation.
    known.add(key);
    if (r.status === 'pending') continue;
    if (r.status === 'terminated') {
      terminated.add(key);
      continue;
    }
    const planProfile = planProfileName({ name: r.planName, routerProfile: r.routerProfile });
    const d = desiredSecret(
      {
        ...r,
        password: decryptSecret(r.passwordEnc),
        planProfile,
        customerNumber: formatCustomerNumber(r.customerNumber),
      },
      p.router,
    );
    if (!d) continue;
    desired.set(key, d);
    profiles.set(`${d.kind}:${planProfile}`, { kind: d.kind, name: planProfile, rateLimit: planRateLimit(r) });
    if (r.status === 'isolated')
      profiles.set(`${d.kind}:${p.router.isolirProfile}`, {
        kind: d.kind,
        name: p.router.isolirProfile,
        rateLimit: p.router.isolirRateLimit,
        addressList: p.router.isolirAddressList,
      });
  }
  return { desired, terminated, known, profiles: [...profiles.values()] };
}

export type SyncEntry = { kind: SecretKind; name: string };
export type SyncReport = {
  scope: 'router' | 'subscription';
  checked: number;
  counts: { added: number; changed: number; removed: number; extra: number; unchanged: number; failed: number };
  added: SyncEntry[];
  changed: (SyncEntry & { changes: SecretChange[] })[];
  removed: (SyncEntry & { reason: 'terminated' | 'extra' })[];
  extra: (SyncEntry & { profile: string | null; comment: string | null })[];
  failed: (SyncEntry & { error: string })[];
  profiles: { created: string[]; updated: string[] };
  /** Live sessions dropped so a changed profile / disabled flag / removal takes effect now. */
  kicked: number;
};

const LIST_LIMIT = 200;

/**
 * Reconciles one router (or one subscription on it) with the database: adds what is
 * missing, corrects what differs, removes entries of terminated subscriptions, and reports
 * entries nobody knows ("extra") — removing those only when the admin asked to. Reads each
 * menu once with a .proplist and applies every change pipelined over the same connection.
 */
export async function syncRouter(
  api: RouterApi,
  state: Awaited<ReturnType<typeof loadDesiredState>>,
  opts: { removeExtra: boolean; onlyName?: string; progress?: (done: number, total: number) => Promise<void> },
): Promise<SyncReport> {
  const report: SyncReport = {
    scope: opts.onlyName ? 'subscription' : 'router',
    checked: 0,
    counts: { added: 0, changed: 0, removed: 0, extra: 0, unchanged: 0, failed: 0 },
    added: [],
    changed: [],
    removed: [],
    extra: [],
    failed: [],
    profiles: { created: [], updated: [] },
    kicked: 0,
  };
  const toKick: Record<SecretKind, Set<string>> = { pppoe: new Set(), hotspot: new Set() };
  const push = <T>(list: T[], item: T) => list.length < LIST_LIMIT && list.push(item);
  const query = opts.onlyName ? [`?name=${opts.onlyName}`] : [];
  const [ppp, hotspot] = await Promise.all(
    (['pppoe', 'hotspot'] as const).map((kind) =>
      api.exec(`${MENUS[kind].secret}/print`, [secretProplist(kind), ...query]),
    ),
  );
  report.profiles = await ensureProfiles(api, state.profiles, { update: false });

  const tasks: (() => Promise<void>)[] = [];
  const seen = new Set<string>();
  const guard = (entry: SyncEntry, run: () => Promise<void>) => async () => {
    try {
      await run();
    } catch (error) {
      // A refused command is reported per entry; a lost connection ends the sync (retried).
      if (error instanceof RouterError && error.kind !== 'trap') throw error;
      report.counts.failed++;
      push(report.failed, { ...entry, error: error instanceof Error ? error.message : String(error) });
    }
  };
  for (const [kind, rows] of [
    ['pppoe', ppp!],
    ['hotspot', hotspot!],
  ] as [SecretKind, RouterRow[]][]) {
    const menu = MENUS[kind];
    for (const row of rows) {
      const name = row.name ?? '';
      const key = `${kind}:${name}`;
      const id = row['.id']!;
      // Hotspot vouchers (lib/vouchers) are known to their own sync: never extra, never removed.
      if (kind === 'hotspot' && isVoucherEntry(row.comment)) continue;
      seen.add(key);
      report.checked++;
      const d = state.desired.get(key);
      if (d) {
        const changes = diffSecret(d, row);
        if (changes.length === 0) {
          report.counts.unchanged++;
          continue;
        }
        tasks.push(
          guard({ kind, name }, async () => {
            for (const [command, words] of fixCommands(d, changes, id)) await api.exec(command, words);
            if (changes.some((c) => c.field === 'profile' || c.field === 'disabled')) toKick[kind].add(name);
            report.counts.changed++;
            push(report.changed, { kind, name, changes });
          }),
        );
      } else if (state.terminated.has(key) || (opts.removeExtra && !state.known.has(key))) {
        const reason = state.terminated.has(key) ? ('terminated' as const) : ('extra' as const);
        tasks.push(
          guard({ kind, name }, async () => {
            await api.exec(`${menu.secret}/remove`, [`=.id=${id}`]);
            toKick[kind].add(name);
            report.counts.removed++;
            push(report.removed, { kind, name, reason });
          }),
        );
      } else if (!state.known.has(key)) {
        report.counts.extra++;
        push(report.extra, { kind, name, profile: row.profile ?? null, comment: row.comment ?? null });
      }
    }
  }
  for (const [key, d] of state.desired) {
    if (seen.has(key)) continue;
    tasks.push(
      guard({ kind: d.kind, name: d.name }, async () => {
        await api.exec(`${MENUS[d.kind].secret}/add`, secretWords(d, { withName: true }));
        report.counts.added++;
        push(report.added, { kind: d.kind, name: d.name });
      }),
    );
  }
  let done = 0;
  const step = Math.max(100, Math.ceil(tasks.length / 20));
  await pipelined(
    tasks.map((task) => async () => {
      await task();
      if (++done % step === 0) await opts.progress?.(done, tasks.length);
    }),
  );
  report.kicked = await kickNames(api, toKick);
  await opts.progress?.(tasks.length, tasks.length);
  return report;
}

/** One active print per menu, then the matching sessions removed 100 ids at a time. */
async function kickNames(api: RouterApi, names: Record<SecretKind, Set<string>>) {
  let kicked = 0;
  for (const kind of ['pppoe', 'hotspot'] as const) {
    if (names[kind].size === 0) continue;
    const menu = MENUS[kind];
    const active = await api.exec(`${menu.active}/print`, [`=.proplist=.id,${menu.activeUser}`]);
    const ids = active.filter((a) => names[kind].has(a[menu.activeUser] ?? '')).map((a) => a['.id']!);
    for (let i = 0; i < ids.length; i += 100) {
      await kickSession(api, kind, ids.slice(i, i + 100).join(','));
    }
    kicked += ids.length;
  }
  return kicked;
}
