import { can, PERMISSION_NAMES, type Permission, type Role } from '@/lib/auth/permissions';

/**
 * Permissions a key can never carry, whatever its maker holds: a key does not make keys (a
 * leaked one could otherwise mint a fresh, longer-lived one), nor point webhooks or plugins
 * elsewhere (a leaked one could read every future event or a webhook's signing secret), and
 * platform work crosses organizations, which an organization's key must not. Nor does a key
 * take all of the organization's data away at once (organization.export).
 */
const NEVER_A_SCOPE: readonly Permission[] = [
  'api.manage',
  'webhooks.manage',
  'plugins.manage',
  'platform.organizations',
  'platform.backups',
  'organization.export',
];

/** The scopes a member with this role may give a key: their own permissions, less the above. */
export function grantableScopes(role: Role): Permission[] {
  return PERMISSION_NAMES.filter((p) => can(role, p) && !NEVER_A_SCOPE.includes(p));
}

/** Scopes asked for that this role may not give (the form says so next to the field). */
export function scopesBeyond(role: Role, scopes: readonly string[]): string[] {
  const grantable = new Set<string>(grantableScopes(role));
  return scopes.filter((s) => !grantable.has(s));
}

/** The area a permission belongs to (`customers.view` → `customers`), for grouping the form. */
export const scopeArea = (p: string) => p.slice(0, p.indexOf('.'));

/** The grantable scopes by area, in the matrix's order. */
export function scopesByArea(role: Role): { area: string; scopes: Permission[] }[] {
  const groups = new Map<string, Permission[]>();
  for (const p of grantableScopes(role)) groups.set(scopeArea(p), [...(groups.get(scopeArea(p)) ?? []), p]);
  return [...groups].map(([area, scopes]) => ({ area, scopes }));
}

/** Presets: read only (every `*.view` the maker holds) and full (everything they may give). */
export function scopePreset(role: Role, preset: 'read' | 'full'): Permission[] {
  const all = grantableScopes(role);
  return preset === 'full' ? all : all.filter((p) => p.endsWith('.view'));
}
