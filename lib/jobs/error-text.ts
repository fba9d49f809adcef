import { ROUTER_CONFIG_ERROR_KINDS } from '@/db/enums';
import { ACS_ERROR_KINDS } from '@/lib/fibre/acs/errors';
import { ROUTER_ERROR_KINDS, type RouterErrorKind } from '@/lib/network/constants';

/**
 * A job's error as stored: a device failure keeps its class in front, `[router.timeout] …`,
 * `[olt.auth] …`, `[acs.unreachable] …`, so screens show the translated explanation and the
 * device's own words only as detail. Anything else is stored as its message.
 */
export function storedJobError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown } | null)?.cause;
  const kind = routerKindOf(error) ?? routerKindOf(cause);
  if (kind) return `[router.${kind}] ${message}`;
  const olt = oltErrorOf(error) ?? oltErrorOf(cause);
  if (olt) return `[olt.${olt.kind}] ${olt.detail}`;
  const acs = acsKindOf(error) ?? acsKindOf(cause);
  if (acs) return `[acs.${acs}] ${message}`;
  const config = configBackupErrorOf(error) ?? configBackupErrorOf(cause);
  return config ? `[routerConfig.${config.kind}] ${config.detail}` : message;
}

/** A router configuration backup's failure (lib/network/config-backups/errors.ts), by shape. */
function configBackupErrorOf(error: unknown): { kind: string; detail: string } | null {
  if (!(error instanceof Error) || error.name !== 'ConfigBackupError') return null;
  const { kind, detail } = error as Error & { kind?: string; detail?: string };
  return kind && (ROUTER_CONFIG_ERROR_KINDS as readonly string[]).includes(kind)
    ? { kind, detail: detail ?? '' }
    : null;
}

function routerKindOf(error: unknown): RouterErrorKind | null {
  if (!(error instanceof Error) || error.name !== 'RouterError') return null;
  const kind = (error as { kind?: string }).kind;
  return (ROUTER_ERROR_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RouterErrorKind) : null;
}

/** An OLT's failure (lib/fibre/olt/errors.ts), by shape: its kind picks `errors.olt_<kind>`. */
function oltErrorOf(error: unknown): { kind: string; detail: string } | null {
  if (!(error instanceof Error) || error.name !== 'OltError') return null;
  const { kind, detail } = error as Error & { kind?: string; detail?: string };
  return kind && /^[a-z_]+$/.test(kind) ? { kind, detail: detail ?? '' } : null;
}

/** A GenieACS NBI failure (lib/fibre/acs/errors.ts) keeps its kind the same way: `[acs.unreachable] …`. */
function acsKindOf(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'AcsError') return null;
  const kind = (error as { kind?: string }).kind ?? '';
  return (ACS_ERROR_KINDS as readonly string[]).includes(kind) ? kind : null;
}

/** The message key explaining a stored job error (when there is one) and the raw detail. */
export function describeJobError(stored: string): { key: string | null; detail: string } {
  const device = /^\[router\.([a-z_]+)\] ?([\s\S]*)$/.exec(stored);
  if (device && (ROUTER_ERROR_KINDS as readonly string[]).includes(device[1]!))
    return { key: `routers.errors.${device[1]}`, detail: device[2]! };
  const olt = /^\[olt\.([a-z_]+)\] ?([\s\S]*)$/.exec(stored);
  if (olt) return { key: `errors.olt_${olt[1]}`, detail: olt[2]! };
  const acs = /^\[acs\.([a-z_]+)\] ?([\s\S]*)$/.exec(stored);
  if (acs && (ACS_ERROR_KINDS as readonly string[]).includes(acs[1]!))
    return { key: `acs.errors.${acs[1]}`, detail: acs[2]! };
  const config = /^\[routerConfig\.([a-z_]+)\] ?([\s\S]*)$/.exec(stored);
  if (config && (ROUTER_CONFIG_ERROR_KINDS as readonly string[]).includes(config[1]!))
    return { key: `routerConfig.errors.${config[1]}`, detail: config[2]! };
  const app = /^\[error\.([a-z_]+)\]$/.exec(stored);
  if (app) return { key: `errors.${app[1]}`, detail: '' };
  if (stored.startsWith('Invalid payload')) return { key: 'jobs.errors.invalidPayload', detail: stored };
  return { key: null, detail: stored };
}
