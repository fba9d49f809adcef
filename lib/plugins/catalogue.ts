import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { GATEWAYS, TRANSPORTS } from '@/db/enums';
import {
  acsServers,
  olts,
  paymentCallbacks,
  paymentGateways,
  pluginInstalls,
  routers,
  whatsappSessions,
} from '@/db/schema';
import { describeAcsError } from '@/lib/fibre/acs/errors';
import { oltErrorCode } from '@/lib/fibre/olt/status';
import { GATEWAY_NOT_PUBLIC } from '@/lib/messaging/types';
import { ROUTER_ERROR_KINDS } from '@/lib/network/constants';
import pkg from '@/package.json';
import { hookEventTypes } from './hooks';
import { configView, readInstallConfig } from './installs';
import { registeredPlugins } from './registry';
import { describePluginError, recentPluginRuns } from './runs';

export const PLUGIN_KINDS = ['payment', 'whatsapp', 'network', 'integration'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];
export type PluginHealth = 'ok' | 'failing' | 'unknown' | 'off';

/** A last error as the screen words it: a message key when the subsystem stores a kind, and its own text. */
export type LastError = { key: string | null; detail: string; subject: string | null; at: Date | null };

export type CatalogueItem = {
  id: string;
  kind: PluginKind;
  name: string;
  version: string;
  source: 'builtin' | 'npm';
  configured: boolean;
  enabled: boolean;
  health: PluginHealth;
  lastError: LastError | null;
  /** How many of it the organization has (routers in that mode, OLTs of that vendor, sessions). */
  count: number | null;
  /** A built-in is configured on its own page; the manager links there. */
  href: string | null;
};

const GATEWAY_NAMES: Record<(typeof GATEWAYS)[number], string> = {
  midtrans: 'Midtrans',
  xendit: 'Xendit',
  tripay: 'Tripay',
  duitku: 'Duitku',
};
const TRANSPORT_NAMES: Record<(typeof TRANSPORTS)[number], string> = {
  baileys: 'WhatsApp Web (Baileys)',
  cloud_api: 'WhatsApp Cloud API',
  http_gateway: 'HTTP gateway (Fonnte)',
};
const BAD_CALLBACKS = ['forged', 'mismatch', 'malformed', 'error', 'unconfirmed'];
const WORDED_CALLBACKS = ['forged', 'mismatch', 'malformed'];

const builtin = (item: Omit<CatalogueItem, 'source' | 'version'>): CatalogueItem => ({
  ...item,
  source: 'builtin',
  version: pkg.version,
});

/** Gateways: the account's last connection test and its last callback (payment_gateways, payment_callbacks). */
async function paymentItems(db: Database, orgId: string): Promise<CatalogueItem[]> {
  const accounts = await db.select().from(paymentGateways).where(eq(paymentGateways.organizationId, orgId));
  const callbacks = await db
    .selectDistinctOn([paymentCallbacks.gateway], {
      gateway: paymentCallbacks.gateway,
      outcome: paymentCallbacks.outcome,
      detail: paymentCallbacks.detail,
      createdAt: paymentCallbacks.createdAt,
    })
    .from(paymentCallbacks)
    .where(eq(paymentCallbacks.organizationId, orgId))
    .orderBy(paymentCallbacks.gateway, desc(paymentCallbacks.createdAt));
  return GATEWAYS.map((g) => {
    const a = accounts.find((r) => r.gateway === g);
    const cb = callbacks.find((c) => c.gateway === g);
    let health: PluginHealth = 'unknown';
    let lastError: LastError | null = null;
    if (a?.lastTestOk === false)
      lastError = { key: null, detail: a.lastTestMessage ?? '', subject: null, at: a.lastTestAt };
    if (cb && BAD_CALLBACKS.includes(cb.outcome) && (!lastError || (lastError.at && cb.createdAt > lastError.at)))
      lastError = {
        key: WORDED_CALLBACKS.includes(cb.outcome) ? `payments.outcomes.${cb.outcome}` : null,
        detail: cb.detail ?? cb.outcome,
        subject: null,
        at: cb.createdAt,
      };
    if (!a?.enabled) health = 'off';
    else if (lastError) health = 'failing';
    else if (a.lastTestOk || cb) health = 'ok';
    return builtin({
      id: `payment.${g}`,
      kind: 'payment',
      name: GATEWAY_NAMES[g],
      configured: Boolean(a),
      enabled: Boolean(a?.enabled),
      health,
      lastError,
      count: null,
      href: '/settings/payments',
    });
  });
}

/** WhatsApp transports: each session's status and last error (whatsapp_sessions). */
async function whatsappItems(db: Database, orgId: string): Promise<CatalogueItem[]> {
  const sessions = await db.select().from(whatsappSessions).where(eq(whatsappSessions.organizationId, orgId));
  return TRANSPORTS.map((kind) => {
    const mine = sessions.filter((s) => s.transport === kind);
    const on = mine.filter((s) => s.enabled);
    const broken = on.find((s) => ['failed', 'logged_out', 'disconnected'].includes(s.status) || s.lastError);
    const health: PluginHealth =
      on.length === 0 ? 'off' : broken ? 'failing' : on.some((s) => s.status === 'connected') ? 'ok' : 'unknown';
    return builtin({
      id: `whatsapp.${kind}`,
      kind: 'whatsapp',
      name: TRANSPORT_NAMES[kind],
      configured: mine.length > 0,
      enabled: on.length > 0,
      health,
      lastError: broken
        ? {
            key:
              broken.lastError === GATEWAY_NOT_PUBLIC
                ? 'messaging.sessions.errors.gateway_not_public'
                : `messaging.sessionStatuses.${broken.status}`,
            detail: broken.lastError === GATEWAY_NOT_PUBLIC ? '' : (broken.lastError ?? ''),
            subject: broken.name,
            at: broken.lastActivityAt ?? broken.updatedAt,
          }
        : null,
      count: mine.length,
      href: '/whatsapp',
    });
  });
}

/** Router drivers by mode, OLT drivers by vendor: the monitor's last check of each device. */
async function networkItems(db: Database, orgId: string): Promise<CatalogueItem[]> {
  const rs = await db
    .select({
      name: routers.name,
      mode: routers.mode,
      status: routers.status,
      lastError: routers.lastError,
      lastErrorKind: routers.lastErrorKind,
      lastCheckedAt: routers.lastCheckedAt,
    })
    .from(routers)
    .where(eq(routers.organizationId, orgId));
  const os = await db
    .select({
      name: olts.name,
      vendor: olts.vendor,
      status: olts.status,
      lastError: olts.lastError,
      lastPollError: olts.lastPollError,
      lastCheckedAt: olts.lastCheckedAt,
    })
    .from(olts)
    .where(eq(olts.organizationId, orgId));
  const routerItem = (mode: 'api' | 'radius', id: string, name: string) => {
    const mine = rs.filter((r) => r.mode === mode);
    const down = mine.find((r) => r.status === 'offline');
    const kind = (ROUTER_ERROR_KINDS as readonly string[]).includes(down?.lastErrorKind ?? '')
      ? down!.lastErrorKind
      : 'unknown';
    return builtin({
      id,
      kind: 'network',
      name,
      configured: mine.length > 0,
      enabled: mine.length > 0,
      health:
        mine.length === 0 ? 'off' : down ? 'failing' : mine.every((r) => r.status === 'online') ? 'ok' : 'unknown',
      lastError: down
        ? {
            key: `routers.errorKinds.${kind}`,
            detail: down.lastError ?? '',
            subject: down.name,
            at: down.lastCheckedAt,
          }
        : null,
      count: mine.length,
      href: '/routers',
    });
  };
  const oltItem = (vendor: 'zte' | 'huawei', name: string) => {
    const mine = os.filter((o) => o.vendor === vendor);
    const down = mine.find((o) => o.status === 'offline' || o.lastPollError);
    const error = down?.status === 'offline' ? down.lastError : down?.lastPollError;
    return builtin({
      id: `olt.${vendor}`,
      kind: 'network',
      name,
      configured: mine.length > 0,
      enabled: mine.length > 0,
      health:
        mine.length === 0 ? 'off' : down ? 'failing' : mine.every((o) => o.status === 'online') ? 'ok' : 'unknown',
      lastError: down
        ? {
            key: oltErrorCode(error ?? null) ? `errors.${oltErrorCode(error ?? null)}` : null,
            detail: error ?? '',
            subject: down.name,
            at: down.lastCheckedAt,
          }
        : null,
      count: mine.length,
      href: '/olts',
    });
  };
  return [
    routerItem('api', 'network.routeros', 'MikroTik RouterOS API'),
    routerItem('radius', 'network.radius', 'RADIUS (FreeRADIUS)'),
    oltItem('zte', 'ZTE C320'),
    oltItem('huawei', 'Huawei MA5608T'),
  ];
}

/** GenieACS: the connection's last check (acs_servers). */
async function acsItem(db: Database, orgId: string): Promise<CatalogueItem> {
  const [acs] = await db.select().from(acsServers).where(eq(acsServers.organizationId, orgId));
  const error = acs?.lastError ? describeAcsError(acs.lastError) : null;
  return builtin({
    id: 'integration.genieacs',
    kind: 'integration',
    name: 'GenieACS (TR-069)',
    configured: Boolean(acs),
    enabled: Boolean(acs),
    health: !acs ? 'off' : error ? 'failing' : acs.lastCheckedAt ? 'ok' : 'unknown',
    lastError: error
      ? {
          key: error.kind ? `acs.errors.${error.kind}` : null,
          detail: error.detail,
          subject: null,
          at: acs!.lastCheckedAt,
        }
      : null,
    count: null,
    href: '/settings/acs',
  });
}

/** Third-party plugins named in JARING_PLUGINS, with this organization's install, settings and latest runs. */
async function npmItems(db: Database, orgId: string) {
  const registered = await registeredPlugins();
  const installs = await db.select().from(pluginInstalls).where(eq(pluginInstalls.organizationId, orgId));
  const ids = registered.flatMap((r) => (r.ok ? [r.manifest.id] : []));
  const runs = await recentPluginRuns(db, { orgId, pluginIds: ids });
  return registered.map((r) => {
    if (!r.ok)
      return {
        id: `npm:${r.spec}`,
        kind: 'integration' as const,
        name: r.spec,
        version: '—',
        source: 'npm' as const,
        configured: false,
        enabled: false,
        health: 'failing' as const,
        lastError: { key: 'plugins.loadFailed', detail: r.error.slice(0, 500), subject: null, at: null },
        count: null,
        href: null,
        plugin: null,
      };
    const m = r.manifest;
    const install = installs.find((i) => i.pluginId === m.id);
    const stored = install?.lastError ? describePluginError(install.lastError) : null;
    const fields = m.configSchema ?? [];
    return {
      id: m.id,
      kind: 'integration' as const,
      name: m.name,
      version: m.version,
      source: 'npm' as const,
      configured: Boolean(install),
      enabled: Boolean(install?.enabled),
      health: (!install?.enabled ? 'off' : install.health) as PluginHealth,
      lastError: stored
        ? {
            key: stored.outcome ? `plugins.outcomes.${stored.outcome}` : null,
            detail: stored.detail,
            subject: null,
            at: install!.lastErrorAt,
          }
        : null,
      count: null,
      href: null,
      plugin: {
        description: m.description ?? null,
        configSchema: fields,
        offered: hookEventTypes(m.hooks),
        eventTypes: install?.eventTypes ?? hookEventTypes(m.hooks),
        config: configView(fields, readInstallConfig(install)),
        runs: runs.filter((run) => run.pluginId === m.id),
      },
    };
  });
}

/** What this organization's Jaring can be extended with, by kind, each with its health read where its subsystem records it. */
export async function pluginCatalogue(db: Database, p: { orgId: string }) {
  const [payments, whatsapp, network, acs, npm] = await Promise.all([
    paymentItems(db, p.orgId),
    whatsappItems(db, p.orgId),
    networkItems(db, p.orgId),
    acsItem(db, p.orgId),
    npmItems(db, p.orgId),
  ]);
  return {
    appVersion: pkg.version,
    builtins: [...payments, ...whatsapp, ...network, acs],
    plugins: npm,
  };
}

export type PluginCatalogue = Awaited<ReturnType<typeof pluginCatalogue>>;
