import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/server/errors';

/** The settings hub's sections: where each is edited and who may open it. */
export const SETTINGS_SECTIONS = [
  { key: 'organization', href: '/settings/organization', permission: 'organization.settings' },
  { key: 'billing', href: '/billing/settings', permission: 'billing.settings' },
  { key: 'payments', href: '/settings/payments', permission: 'payments.gateways' },
  { key: 'whatsapp', href: '/whatsapp', permission: 'messaging.view' },
  { key: 'network', href: '/routers', permission: 'routers.view' },
  { key: 'hotspot', href: '/vouchers/profiles', permission: 'vouchers.view' },
  { key: 'users', href: '/users', permission: 'users.view' },
  { key: 'roles', href: '/settings/roles', permission: 'roles.view' },
  { key: 'support', href: '/settings/support', permission: 'tickets.settings' },
  { key: 'workOrders', href: '/settings/work-orders', permission: 'workorders.settings' },
  { key: 'acs', href: '/settings/acs', permission: 'organization.settings' },
  { key: 'portal', href: '/settings/portal', permission: 'organization.settings' },
  { key: 'webhooks', href: '/settings/webhooks', permission: 'webhooks.manage' },
  { key: 'api', href: '/settings/api', permission: 'api.manage' },
  { key: 'export', href: '/settings/export', permission: 'organization.export' },
] as const satisfies readonly { key: string; href: string; permission: Permission }[];
export type SettingsSectionKey = (typeof SETTINGS_SECTIONS)[number]['key'];

type Figures = {
  name: string;
  timezone: string;
  logo: boolean;
  setupDismissed: boolean;
  invoiceDay: number;
  dueDay: number;
  graceDays: number;
  gateways: number;
  methods: number;
  bankAccounts: boolean;
  sessions: number;
  connected: number;
  routers: number;
  radiusRouters: number;
  profiles: number;
  hotspotLoginUrl: string | null;
  members: number;
  checklists: number;
  acs: boolean;
  acsError: boolean;
  portalEnabled: boolean;
  portalDomain: string | null;
  webhooks: number;
  webhooksOff: number;
  apiKeys: number;
  exports: number;
};

/**
 * One line of state per settings section ("2 metode pembayaran aktif"), in one statement of
 * counts; the hub only lists the sections the member may open, and only their figures leave here.
 * `may`: what this caller holds (`ctxCan`: an API key's scopes, not only its maker's role).
 */
export async function getSettingsOverview(db: Db, p: { orgId: string; may: (permission: Permission) => boolean }) {
  const [f] = await db.execute<Figures>(sql`
    select o.name, o.timezone, o.logo_path is not null as logo, o.setup_dismissed_at is not null as "setupDismissed",
      o.hotspot_login_url as "hotspotLoginUrl",
      coalesce(b.invoice_day, 1) as "invoiceDay", coalesce(b.due_day, 20) as "dueDay", coalesce(b.grace_days, 0) as "graceDays",
      coalesce(b.bank_accounts, '') <> '' as "bankAccounts",
      (select count(*)::int from payment_gateways g where g.organization_id = o.id and g.enabled) as gateways,
      (select count(*)::int from payment_gateways g cross join lateral jsonb_array_elements(g.methods) m
        where g.organization_id = o.id and g.enabled and (m->>'enabled')::boolean) as methods,
      (select count(*)::int from whatsapp_sessions w where w.organization_id = o.id) as sessions,
      (select count(*)::int from whatsapp_sessions w where w.organization_id = o.id and w.status = 'connected') as connected,
      (select count(*)::int from routers r where r.organization_id = o.id) as routers,
      (select count(*)::int from routers r where r.organization_id = o.id and r.mode = 'radius') as "radiusRouters",
      (select count(*)::int from voucher_profiles v where v.organization_id = o.id) as profiles,
      (select count(*)::int from memberships m where m.organization_id = o.id and m.active) as members,
      (select count(*)::int from checklist_templates c where c.organization_id = o.id) as checklists,
      exists (select 1 from acs_servers a where a.organization_id = o.id) as acs,
      exists (select 1 from acs_servers a where a.organization_id = o.id and a.last_error is not null) as "acsError",
      coalesce((select ps.portal_enabled from portal_settings ps where ps.organization_id = o.id), true) as "portalEnabled",
      (select ps.custom_domain from portal_settings ps where ps.organization_id = o.id) as "portalDomain",
      (select count(*)::int from webhook_endpoints w where w.organization_id = o.id) as webhooks,
      (select count(*)::int from webhook_endpoints w where w.organization_id = o.id and not w.enabled) as "webhooksOff",
      (select count(*)::int from api_keys k where k.organization_id = o.id and k.revoked_at is null
        and (k.expires_at is null or k.expires_at > now())) as "apiKeys",
      (select count(*)::int from jobs j where j.organization_id = o.id and j.type = 'org-export' and j.state = 'done'
        and (j.result->>'expiresAt')::timestamptz > now()) as exports
    from organizations o left join billing_settings b on b.organization_id = o.id
    where o.id = ${p.orgId}`);
  if (!f) throw new AppError('not_found');
  const sections = SETTINGS_SECTIONS.filter((s) => p.may(s.permission)).map((s) => ({
    key: s.key,
    href: s.href,
    figures: pick(f, s.key),
  }));
  return { sections, setupDismissed: p.may('organization.settings') ? Boolean(f.setupDismissed) : null };
}

function pick(f: Figures, key: SettingsSectionKey): Record<string, string | number | boolean | null> {
  switch (key) {
    case 'organization':
      return { name: f.name, timezone: f.timezone, logo: f.logo };
    case 'billing':
      return { invoiceDay: f.invoiceDay, dueDay: f.dueDay, graceDays: f.graceDays };
    case 'payments':
      return { gateways: f.gateways, methods: f.methods, bankAccounts: f.bankAccounts };
    case 'whatsapp':
      return { sessions: f.sessions, connected: f.connected };
    case 'network':
      return { routers: f.routers, radius: f.radiusRouters };
    case 'hotspot':
      return { profiles: f.profiles, loginUrl: f.hotspotLoginUrl };
    case 'users':
      return { members: f.members };
    case 'roles':
    case 'support':
      return {};
    case 'workOrders':
      return { custom: f.checklists };
    case 'acs':
      return { state: f.acs ? (f.acsError ? 'error' : 'set') : 'none' };
    case 'portal':
      return { state: f.portalEnabled ? 'on' : 'off', domain: f.portalDomain ? 'yes' : 'no' };
    case 'webhooks':
      return { endpoints: f.webhooks, off: f.webhooksOff };
    case 'api':
      return { keys: f.apiKeys };
    case 'export':
      return { exports: f.exports };
  }
}
