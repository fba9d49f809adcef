import type { SubscriptionStatus } from '@/db/enums';
import type { RouterRow } from '@/lib/network/routeros/client';

/**
 * What the router should hold for a subscription, and how that differs from what it holds.
 * Pure functions: the sync, the enforcement job and the import all build on them.
 */
export type SecretKind = 'pppoe' | 'hotspot';

export type DesiredSecret = {
  kind: SecretKind;
  name: string;
  password: string;
  profile: string;
  disabled: boolean;
  remoteAddress: string | null;
  localAddress: string | null;
  callerId: string | null;
  comment: string;
};

/** The fields a sync compares, and what each is called in each RouterOS menu. */
export const SECRET_FIELDS = ['password', 'profile', 'disabled', 'remoteAddress', 'localAddress', 'callerId'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const MENUS = {
  pppoe: {
    secret: '/ppp/secret',
    profile: '/ppp/profile',
    active: '/ppp/active',
    activeUser: 'name',
    props: {
      password: 'password',
      profile: 'profile',
      disabled: 'disabled',
      remoteAddress: 'remote-address',
      localAddress: 'local-address',
      callerId: 'caller-id',
    },
  },
  hotspot: {
    secret: '/ip/hotspot/user',
    profile: '/ip/hotspot/user/profile',
    active: '/ip/hotspot/active',
    activeUser: 'user',
    // Hotspot users have no local address; the MAC lock is `mac-address`.
    props: {
      password: 'password',
      profile: 'profile',
      disabled: 'disabled',
      remoteAddress: 'address',
      localAddress: null,
      callerId: 'mac-address',
    },
  },
} as const satisfies Record<SecretKind, { props: Record<SecretField, string | null> } & Record<string, unknown>>;

export function secretProplist(kind: SecretKind) {
  const props = (Object.values(MENUS[kind].props) as (string | null)[]).filter((p): p is string => p !== null);
  return `=.proplist=${['.id', 'name', ...props, 'comment'].join(',')}`;
}

/** A plan's profile name on the router: the one the admin typed, else the plan's name. */
export function planProfileName(plan: { name: string; routerProfile: string | null }) {
  return plan.routerProfile?.trim() || plan.name;
}

/** MikroTik rate-limit `rx/tx` from the router's side (customer upload / download). */
export { rateLimit as planRateLimit } from '@/lib/plans/schemas';

export type SubscriptionOnRouter = {
  serviceUsername: string;
  password: string;
  status: SubscriptionStatus;
  serviceType: 'pppoe' | 'hotspot' | 'static';
  planProfile: string;
  remoteAddress: string | null;
  localAddress: string | null;
  callerId: string | null;
  customerNumber: string;
  customerName: string;
};

/**
 * active: the plan's profile; isolated: the isolir profile (its address-list sends the
 * customer to the payment page); suspended: kept but disabled. Pending and terminated
 * subscriptions have no entry on the router; static-IP plans are not PPP/hotspot users.
 */
export function desiredSecret(sub: SubscriptionOnRouter, router: { isolirProfile: string }): DesiredSecret | null {
  if (sub.serviceType === 'static') return null;
  if (sub.status === 'pending' || sub.status === 'terminated') return null;
  return {
    kind: sub.serviceType,
    name: sub.serviceUsername,
    password: sub.password,
    profile: sub.status === 'isolated' ? router.isolirProfile : sub.planProfile,
    disabled: sub.status === 'suspended',
    remoteAddress: sub.remoteAddress || null,
    localAddress: sub.serviceType === 'pppoe' ? sub.localAddress || null : null,
    callerId: sub.callerId || null,
    comment: `${sub.customerNumber} ${sub.customerName}`.slice(0, 120),
  };
}

export type SecretChange = { field: SecretField; from: string | null; to: string | null };

function actualValue(row: RouterRow, kind: SecretKind, field: SecretField): string | null {
  const prop = MENUS[kind].props[field];
  if (!prop) return null;
  const value = row[prop];
  if (field === 'disabled') return value === 'true' || value === 'yes' ? 'true' : 'false';
  return value === undefined || value === '' ? null : value;
}

function desiredValue(d: DesiredSecret, field: SecretField): string | null {
  if (field === 'disabled') return d.disabled ? 'true' : 'false';
  return d[field] ?? null;
}

/**
 * Differences between the desired entry and the router's row; passwords are never shown.
 * A row without `password` means the API user may not read passwords (no `sensitive`
 * policy): the password is then unknown, not empty, and is left alone.
 */
export function diffSecret(d: DesiredSecret, row: RouterRow): SecretChange[] {
  const changes: SecretChange[] = [];
  for (const field of SECRET_FIELDS) {
    if (MENUS[d.kind].props[field] === null) continue;
    if (field === 'password' && row.password === undefined) continue;
    const from = actualValue(row, d.kind, field);
    const to = desiredValue(d, field);
    if (from === to) continue;
    changes.push(field === 'password' ? { field, from: '••••', to: '••••' } : { field, from, to });
  }
  return changes;
}

/**
 * The words that bring an existing entry in line: one `set` for values, one `unset` per
 * property that must be cleared (RouterOS will not take an empty address).
 */
export function fixCommands(d: DesiredSecret, changes: SecretChange[], id: string): [string, string[]][] {
  const menu = MENUS[d.kind];
  const set: string[] = [`=.id=${id}`];
  const commands: [string, string[]][] = [];
  for (const { field } of changes) {
    const prop = menu.props[field]!;
    const value = desiredValue(d, field);
    if (value === null && field === 'callerId' && d.kind === 'pppoe') set.push(`=${prop}=`);
    else if (value === null) commands.push([`${menu.secret}/unset`, [`=numbers=${id}`, `=value-name=${prop}`]]);
    else set.push(`=${prop}=${value}`);
  }
  if (set.length > 1) commands.unshift([`${menu.secret}/set`, set]);
  return commands;
}

/** The router properties behind fields the database now leaves empty (cleared with `unset`). */
export function clearedProps(d: DesiredSecret, fields: SecretField[]): string[] {
  const props: string[] = [];
  for (const field of fields) {
    const prop = MENUS[d.kind].props[field];
    // An empty caller-id is set directly (secretWords); addresses and MACs must be unset.
    if (!prop || desiredValue(d, field) !== null || (field === 'callerId' && d.kind === 'pppoe')) continue;
    props.push(prop);
  }
  return props;
}

/** Every desired property, for `add` or for an idempotent `set` by name. */
export function secretWords(d: DesiredSecret, opts: { withName: boolean }): string[] {
  const menu = MENUS[d.kind];
  const words = opts.withName ? [`=name=${d.name}`] : [];
  for (const field of SECRET_FIELDS) {
    const prop = menu.props[field];
    const value = desiredValue(d, field);
    // On a set, an empty caller-id clears the MAC lock; addresses are only ever set.
    if (!prop || (value === null && !(field === 'callerId' && d.kind === 'pppoe'))) continue;
    words.push(`=${prop}=${value ?? ''}`);
  }
  if (d.kind === 'pppoe') words.push('=service=pppoe');
  if (opts.withName) words.push(`=comment=${d.comment}`);
  return words;
}
