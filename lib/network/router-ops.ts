import type { RouterApi, RouterRow } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';
import { pipelined } from '@/lib/server/pipelined';
import type { RouterSnapshot, SessionKind } from './constants';
import {
  clearedProps,
  type DesiredSecret,
  MENUS,
  type SecretField,
  type SecretKind,
  secretWords,
} from './router-state';

/**
 * Router-side steps, each a few API commands over an open connection (RouterApi). No
 * database here: callers decide what the router should hold.
 */

const isNoSuchItem = (e: unknown) => e instanceof RouterError && e.kind === 'trap' && /no such item/i.test(e.message);

/**
 * How to name an entry in `numbers=`: its name, unless the name could be read as a list or
 * an id (a comma, a leading `*`), in which case its `.id` is looked up first.
 */
async function entryRef(api: RouterApi, menu: string, name: string): Promise<{ ref: string | null; commands: number }> {
  if (!name.includes(',') && !name.startsWith('*')) return { ref: name, commands: 0 };
  const rows = await api.exec(`${menu}/print`, [`?name=${name}`, '=.proplist=.id']);
  return { ref: rows[0]?.['.id'] ?? null, commands: 1 };
}

/**
 * Puts one subscription's entry on the router and, when asked, drops its live session so
 * the customer reconnects into the new profile. Happy path: one `set` by name, one active
 * `print`, one `remove` if online (at most 3 commands). A missing entry is added.
 */
export async function applySecret(api: RouterApi, d: DesiredSecret, opts: { kick: boolean; clear?: SecretField[] }) {
  const menu = MENUS[d.kind];
  const { ref, commands: lookups } = await entryRef(api, menu.secret, d.name);
  let commands = lookups + 1;
  let created = false;
  try {
    if (ref === null) throw new RouterError('trap', 'no such item');
    await api.exec(`${menu.secret}/set`, [`=numbers=${ref}`, ...secretWords(d, { withName: false })]);
    // Values the database no longer has (a static address, a MAC lock) are removed.
    for (const prop of clearedProps(d, opts.clear ?? [])) {
      commands++;
      await api.exec(`${menu.secret}/unset`, [`=numbers=${ref}`, `=value-name=${prop}`]);
    }
  } catch (error) {
    if (!isNoSuchItem(error)) throw error;
    commands++;
    await api.exec(`${menu.secret}/add`, secretWords(d, { withName: true }));
    created = true;
  }
  const kicked = opts.kick ? await kickUser(api, d.kind, d.name) : { kicked: 0, commands: 0 };
  return { commands: commands + kicked.commands, created, kicked: kicked.kicked };
}

/** Removes a subscription's entry (terminated) and its live session. */
export async function removeSecret(api: RouterApi, kind: SecretKind, name: string) {
  const menu = MENUS[kind];
  const { ref, commands: lookups } = await entryRef(api, menu.secret, name);
  let removed = ref !== null;
  try {
    if (ref !== null) await api.exec(`${menu.secret}/remove`, [`=numbers=${ref}`]);
  } catch (error) {
    if (!isNoSuchItem(error)) throw error;
    removed = false;
  }
  const kicked = await kickUser(api, kind, name);
  return { commands: lookups + (ref !== null ? 1 : 0) + kicked.commands, removed, kicked: kicked.kicked };
}

export async function kickUser(api: RouterApi, kind: SecretKind, name: string) {
  const menu = MENUS[kind];
  const rows = await api.exec(`${menu.active}/print`, [`?${menu.activeUser}=${name}`, '=.proplist=.id']);
  if (rows.length === 0) return { kicked: 0, commands: 1 };
  await kickSession(api, kind, rows.map((r) => r['.id']!).join(','));
  return { kicked: rows.length, commands: 2 };
}

/**
 * Disconnects the session the sessions page showed: by its id, after checking the id still
 * belongs to that user (ids are reused once a session ends). Gone already counts as done.
 */
export async function kickListedSession(api: RouterApi, kind: SessionKind, itemId: string, username: string) {
  const menu = MENUS[kind];
  const [row] = await api.exec(`${menu.active}/print`, [`?.id=${itemId}`, `=.proplist=.id,${menu.activeUser}`]);
  if (!row || row[menu.activeUser] !== username) return false;
  return kickSession(api, kind, itemId);
}

/** Removes active entries by the router's ids; gone already counts as done. */
export async function kickSession(api: RouterApi, kind: SessionKind, itemIds: string) {
  try {
    await api.exec(`${MENUS[kind].active}/remove`, [`=numbers=${itemIds}`]);
    return true;
  } catch (error) {
    if (isNoSuchItem(error)) return false;
    throw error;
  }
}

export type ProfileSpec = { kind: SecretKind; name: string; rateLimit: string; addressList?: string };

/** Adds missing profiles; with `update`, also corrects rate-limit / address-list. */
export async function ensureProfiles(api: RouterApi, specs: ProfileSpec[], opts: { update: boolean }) {
  const created: string[] = [];
  const updated: string[] = [];
  for (const kind of ['pppoe', 'hotspot'] as const) {
    const wanted = specs.filter((s) => s.kind === kind);
    if (wanted.length === 0) continue;
    const menu = MENUS[kind].profile;
    const rows = await api.exec(`${menu}/print`, ['=.proplist=.id,name,rate-limit,address-list']);
    const byName = new Map(rows.map((r) => [r.name, r]));
    await pipelined(
      wanted.map((spec) => async () => {
        const row = byName.get(spec.name);
        const words = [
          `=rate-limit=${spec.rateLimit}`,
          ...(spec.addressList ? [`=address-list=${spec.addressList}`] : []),
        ];
        if (!row) {
          await api.exec(`${menu}/add`, [`=name=${spec.name}`, ...words]);
          created.push(`${kind}:${spec.name}`);
        } else if (
          opts.update &&
          (row['rate-limit'] !== spec.rateLimit || (spec.addressList && row['address-list'] !== spec.addressList))
        ) {
          await api.exec(`${menu}/set`, [`=.id=${row['.id']}`, ...words]);
          updated.push(`${kind}:${spec.name}`);
        }
      }),
    );
  }
  return { created, updated };
}

export type LiveSession = {
  kind: SessionKind;
  itemId: string;
  username: string;
  address: string | null;
  callerId: string | null;
  uptime: string | null;
  bytesIn: number | null;
  bytesOut: number | null;
};

const num = (v: string | undefined) => (v === undefined || v === '' ? 0 : Number(v.split('/')[0]));

/** Identity, resources, interfaces and who is online, in five pipelined commands. */
export async function readRouterState(api: RouterApi): Promise<{ snapshot: RouterSnapshot; sessions: LiveSession[] }> {
  const [resource, identity, ppp, hotspot, interfaces] = await Promise.all([
    api.exec('/system/resource/print'),
    api.exec('/system/identity/print'),
    api.exec('/ppp/active/print', ['=.proplist=.id,name,caller-id,address,uptime']),
    api
      .exec('/ip/hotspot/active/print', ['=.proplist=.id,user,address,mac-address,uptime,bytes-in,bytes-out'])
      .catch(() => [] as RouterRow[]),
    api.exec('/interface/print', ['=.proplist=name,type,running,rx-byte,tx-byte']),
  ]);
  const r = resource[0] ?? {};
  const pppBytes = new Map<string, RouterRow>();
  for (const i of interfaces) if (i.type === 'pppoe-in') pppBytes.set(i.name!, i);
  const sessions: LiveSession[] = [
    ...ppp.map((s) => {
      // The router's view of the dynamic interface: rx = from the customer (upload).
      const iface = pppBytes.get(`<pppoe-${s.name}>`);
      return {
        kind: 'pppoe' as const,
        itemId: s['.id']!,
        username: s.name ?? '',
        address: s.address || null,
        callerId: s['caller-id'] || null,
        uptime: s.uptime || null,
        bytesIn: iface ? num(iface['tx-byte']) : null,
        bytesOut: iface ? num(iface['rx-byte']) : null,
      };
    }),
    ...hotspot.map((s) => ({
      kind: 'hotspot' as const,
      itemId: s['.id']!,
      username: s.user ?? '',
      address: s.address || null,
      callerId: s['mac-address'] || null,
      uptime: s.uptime || null,
      bytesIn: num(s['bytes-out']),
      bytesOut: num(s['bytes-in']),
    })),
  ];
  const snapshot: RouterSnapshot = {
    identity: identity[0]?.name ?? '',
    version: r.version ?? '',
    board: r['board-name'] ?? '',
    architecture: r['architecture-name'],
    uptime: r.uptime ?? '',
    cpuLoad: num(r['cpu-load']),
    freeMemory: num(r['free-memory']),
    totalMemory: num(r['total-memory']),
    pppActive: ppp.length,
    hotspotActive: hotspot.length,
    interfaces: interfaces
      .filter((i) => i.type !== 'pppoe-in' && i.type !== 'l2tp-in' && i.type !== 'pptp-in')
      .slice(0, 50)
      .map((i) => ({
        name: i.name ?? '',
        type: i.type ?? '',
        running: i.running === 'true',
        rxByte: num(i['rx-byte']),
        txByte: num(i['tx-byte']),
      })),
    checkedAt: new Date().toISOString(),
  };
  return { snapshot, sessions };
}
