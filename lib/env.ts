import { z } from 'zod';
import { cidrList } from '@/lib/server/public-address';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (the start script sets it for the embedded database)'),
  NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters'),
  APP_ENCRYPTION_KEY: z.string().min(43, 'APP_ENCRYPTION_KEY must be 32 random bytes, base64url (the start script generates one)'),
  APP_URL: z.string().url().default('http://localhost:3000'),
  ALLOW_SIGNUP: bool(true),
  // Generated files (invoice PDFs), one folder per organization.
  FILES_DIR: z.string().default('.data/files'),
  // Map background tiles; empty shows markers on a blank map (offline installs, tests).
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  // The worker's 15-minute billing run + isolation pass (off in tests, which run them by hand).
  BILLING_SCHEDULE: bool(true),
  // The worker's router monitor (every minute) and scheduled syncs (off in tests).
  NETWORK_SCHEDULE: bool(true),
  // Connect + login to a router; and how long one API command may take before the
  // connection is given up as hung.
  ROUTER_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ROUTER_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
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
  // Point Baileys at another WhatsApp Web socket (tests: the loopback stand-in).
  WHATSAPP_WS_URL: z.string().url().optional(),
  // Allow http:// (not only https://) HTTP-gateway URLs: a gateway on the ISP's LAN, tests.
  WHATSAPP_ALLOW_HTTP_GATEWAY: bool(false),
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
});

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

/** The validated environment. Parsed on first use so `next build` runs without secrets. */
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join('\n')}`);
    }
    cached = parsed.data;
  }
  return cached;
}
