import { z } from 'zod';
import { cidrList } from '@/lib/server/public-address';
import { parseTrustedProxies } from './auth/trusted-proxies';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

/** A yes/no setting in any usual spelling (true/false, 1/0, yes/no, on/off; any case). */
const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = v?.trim().toLowerCase() ?? '';
      if (text === '') return fallback;
      if (['true', '1', 'yes', 'on'].includes(text)) return true;
      if (['false', '0', 'no', 'off'].includes(text)) return false;
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a yes/no value (true/false, 1/0, yes/no)` });
      return z.NEVER;
    });

const schema = z
  .object({
    // Demo organization "Jaring Demo Net" with public passwords. `npm start` decides once
    // (demoWanted below) and passes true/false on to the app, which then shows the demo
    // banner and allows the demo sign-ins; unset in the app (plain `next start`) means off.
    SEED_DEMO: flag(false),
    DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (the start script sets it for the embedded database)'),
    NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters'),
    APP_ENCRYPTION_KEY: z
      .string()
      .min(43, 'APP_ENCRYPTION_KEY must be 32 random bytes, base64url (the start script generates one)'),
    APP_URL: z.string().url().default('http://localhost:3000'),
    // Public "register your ISP" page. Unset: on, except with NODE_ENV=production on a
    // self-hosted install (see signupWanted: `npm start` decides and passes true/false on).
    ALLOW_SIGNUP: flag(true),
    NODE_ENV: z.string().optional(),
    // Generated files (invoice PDFs), one folder per organization.
    FILES_DIR: z.string().default('.data/files'),
    // Map background tiles; empty shows markers on a blank map (offline installs, tests).
    MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
    LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(20),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
    // Reverse proxies in front of the app whose X-Forwarded-For is believed: empty (none; the
    // socket address is the client), a hop count ("1": one proxy), or addresses / CIDRs
    // ("127.0.0.1,10.0.0.0/8"). See lib/auth/ip.ts.
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        try {
          parseTrustedProxies(v);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    // Set by scripts/socket-address.cjs in the web server process, never by hand.
    SOCKET_ADDRESS_STAMPED: bool(false),
    WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
    // The worker's 15-minute billing run + isolation pass (off in tests, which run them by hand).
    BILLING_SCHEDULE: bool(true),
    // The worker's router monitor (every minute) and scheduled syncs (off in tests).
    NETWORK_SCHEDULE: bool(true),
    // Connect + login to a router; and how long one API command may take before the
    // connection is given up as hung.
    ROUTER_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    ROUTER_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    // Connect + login to an OLT's command line; how long one command may take (a registration
    // line on a busy OLT takes seconds); how long an unused session stays open.
    OLT_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    OLT_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    OLT_IDLE_CLOSE_MS: z.coerce.number().int().positive().default(120_000),
    // Payment gateway API roots, overriding the sandbox/production default of every
    // organization's account (tests point them at loopback stand-ins; a proxy could too).
    MIDTRANS_API_URL: z.string().url().optional(),
    XENDIT_API_URL: z.string().url().optional(),
    TRIPAY_API_URL: z.string().url().optional(),
    DUITKU_API_URL: z.string().url().optional(),
    // The worker re-checks gateway payments whose callback has not come (every 10 minutes).
    PAYMENTS_SCHEDULE: bool(true),
    // Invoice WhatsApp messages and H-3 / H-1 reminders, every 10 minutes (off in tests).
    MESSAGING_SCHEDULE: bool(true),
    // Ticket SLA escalations to the NOC lead, every 5 minutes (off in tests).
    SUPPORT_SCHEDULE: bool(true),
    // The platform backup at its daily time and the "no recent backup" alert (off in tests).
    BACKUP_SCHEDULE: bool(true),
    // Point Baileys at another WhatsApp Web socket (tests: the loopback stand-in).
    WHATSAPP_WS_URL: z.string().url().optional(),
    // Allow http:// (not only https://) HTTP-gateway URLs: a gateway on the ISP's LAN, tests.
    // Self-hosted only (refused on a hosted platform: it would open the check for every tenant).
    WHATSAPP_ALLOW_HTTP_GATEWAY: bool(false),
    // Self-hosted only: allow router hosts / CoA targets on loopback (127.0.0.0/8, ::1), for
    // a router reached through an SSH tunnel or the tests' loopback stand-ins. Unspecified and
    // link-local / metadata addresses stay refused (unless in ROUTER_PRIVATE_RANGES).
    ROUTER_ALLOW_LOOPBACK: flag(false),
    // Self-hosted only: allow webhook endpoints on http:// and on loopback / private addresses
    // (a receiver on the ISP's LAN, the tests' loopback receivers). Unspecified and
    // link-local / metadata addresses stay refused.
    WEBHOOKS_ALLOW_PRIVATE: flag(false),
    // Third-party plugins (docs/features/plugins.md): npm package names, or paths from the app's
    // folder (./plugins/sheets-sample), comma-separated. Each runs in its own host process with
    // a time budget per hook and a heap limit.
    JARING_PLUGINS: z.string().default(''),
    PLUGIN_HOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
    PLUGIN_MEMORY_MB: z.coerce.number().int().min(16).default(128),
    // The largest organization export a super admin may upload to import (MB), and how many
    // days an organization's own exports stay downloadable (docs/features/organization-export.md).
    ORG_IMPORT_MAX_MB: z.coerce.number().int().positive().default(2048),
    ORG_EXPORT_KEEP_DAYS: z.coerce.number().int().positive().default(3),
    // hosted: one platform serving many ISPs (router addresses must be public or in
    // ROUTER_PRIVATE_RANGES); self-hosted: one ISP's own server, routers on its LAN.
    PLATFORM_MODE: z.enum(['self-hosted', 'hosted']).default('self-hosted'),
    // Hosted only: the platform's router VPN ranges (CIDR list, comma- or space-separated),
    // allowed although private, e.g. "10.200.0.0/16, fd00:200::/48".
    ROUTER_PRIVATE_RANGES: z
      .string()
      .default('')
      .refine((v) => {
        try {
          cidrList(v);
          return true;
        } catch {
          return false;
        }
      }, 'ROUTER_PRIVATE_RANGES must be a list of CIDR ranges such as 10.200.0.0/16'),
    // Platform backups (docs/features/backup-restore.md). The key (base64 of 32 random bytes,
    // `openssl rand -base64 32`) encrypts every backup; keep a copy away from the backups. Unset
    // outside production: made once in .data/backup-key. Unset in production: no backups.
    BACKUP_ENCRYPTION_KEY: z
      .string()
      .optional()
      .refine(
        (v) => !v?.trim() || Buffer.from(v.trim(), 'base64').length === 32,
        'BACKUP_ENCRYPTION_KEY must be 32 random bytes, base64 (openssl rand -base64 32)',
      ),
    // Where `npm run backup` and the local backup target write (the key is never put there).
    BACKUP_DIR: z.string().default('.data/backups'),
    // A folder holding pg_dump and pg_restore, instead of looking for the server's version.
    PG_BIN_DIR: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.PLATFORM_MODE !== 'hosted') return;
    // Both open a check that protects the platform from its tenants.
    if (v.WHATSAPP_ALLOW_HTTP_GATEWAY)
      ctx.addIssue({
        code: 'custom',
        path: ['WHATSAPP_ALLOW_HTTP_GATEWAY'],
        message:
          'must not be true with PLATFORM_MODE=hosted: every tenant could aim its HTTP gateway at the platform network. Put a LAN gateway on a public https:// address instead',
      });
    if (v.ROUTER_ALLOW_LOOPBACK)
      ctx.addIssue({
        code: 'custom',
        path: ['ROUTER_ALLOW_LOOPBACK'],
        message:
          'must not be true with PLATFORM_MODE=hosted: every tenant could aim the worker at the platform host. Add the router VPN to ROUTER_PRIVATE_RANGES instead',
      });
    if (v.WEBHOOKS_ALLOW_PRIVATE)
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOKS_ALLOW_PRIVATE'],
        message:
          'must not be true with PLATFORM_MODE=hosted: every tenant could aim its webhooks at the platform network. Give the receiver a public https:// address instead',
      });
  });

export type Env = z.infer<typeof schema>;

/**
 * Whether `npm start` seeds the demo: on for a first look, off with NODE_ENV=production or
 * SEED_DEMO false in any spelling. Decided from the operator's environment before Next sets
 * NODE_ENV=production for itself (it does for every `next start`).
 */
export function demoWanted(raw: { NODE_ENV?: string; SEED_DEMO?: string }): boolean {
  if (raw.NODE_ENV === 'production') return false;
  const parsed = flag(true).safeParse(raw.SEED_DEMO);
  if (!parsed.success) throw new Error(`SEED_DEMO: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * Whether the public sign-up page is on, decided by `npm start` (and checked again by the
 * worker) from the operator's environment, like demoWanted. Unset ALLOW_SIGNUP: on for a
 * first look and on a hosted platform, off with NODE_ENV=production on a self-hosted
 * install. A self-hosted install connects to routers on its LAN, so a stranger who signs up
 * there could make the worker probe that LAN: ALLOW_SIGNUP=true with NODE_ENV=production
 * and PLATFORM_MODE=self-hosted is refused unless ALLOW_SIGNUP_SELF_HOSTED=true says the
 * operator means it.
 */
export function signupWanted(raw: {
  NODE_ENV?: string;
  ALLOW_SIGNUP?: string;
  PLATFORM_MODE?: string;
  ALLOW_SIGNUP_SELF_HOSTED?: string;
}): boolean {
  const production = raw.NODE_ENV === 'production';
  const hosted = raw.PLATFORM_MODE === 'hosted';
  const read = (name: 'ALLOW_SIGNUP' | 'ALLOW_SIGNUP_SELF_HOSTED', fallback: boolean) => {
    const parsed = flag(fallback).safeParse(raw[name]);
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };
  const wanted = read('ALLOW_SIGNUP', !production || hosted);
  if (wanted && production && !hosted && !read('ALLOW_SIGNUP_SELF_HOSTED', false))
    throw new Error(
      'ALLOW_SIGNUP=true with NODE_ENV=production on a self-hosted install (PLATFORM_MODE=self-hosted) lets anyone register an ISP and aim the worker at routers on your network. ' +
        'Set ALLOW_SIGNUP=false, or PLATFORM_MODE=hosted for a platform serving many ISPs, or ALLOW_SIGNUP_SELF_HOSTED=true if you mean it.',
    );
  return wanted;
}

/** The environment validated (for tests: any environment; the app uses env()). */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  // Unset in the app (plain `next start`, which always runs with NODE_ENV=production): off
  // on a self-hosted install, as signupWanted decides for `npm start`.
  const allowSignup = raw.ALLOW_SIGNUP?.trim()
    ? parsed.data.ALLOW_SIGNUP
    : parsed.data.NODE_ENV !== 'production' || parsed.data.PLATFORM_MODE === 'hosted';
  return { ...parsed.data, ALLOW_SIGNUP: allowSignup };
}

let cached: Env | undefined;

/** The validated environment. Parsed on first use so `next build` runs without secrets. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
