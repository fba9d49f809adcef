import { ROUTER_ERROR_KINDS, type RouterErrorKind } from '@/lib/network/constants';

/**
 * A job's error as stored: a device failure keeps its class in front, `[router.timeout] …`,
 * so screens show the translated explanation (routers.errors.*) and the device's own words
 * only as detail. Anything else is stored as its message.
 */
export function storedJobError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const kind = routerKindOf(error) ?? routerKindOf((error as { cause?: unknown } | null)?.cause);
  return kind ? `[router.${kind}] ${message}` : message;
}

function routerKindOf(error: unknown): RouterErrorKind | null {
  if (!(error instanceof Error) || error.name !== 'RouterError') return null;
  const kind = (error as { kind?: string }).kind;
  return (ROUTER_ERROR_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RouterErrorKind) : null;
}

/** The message key explaining a stored job error (when there is one) and the raw detail. */
export function describeJobError(stored: string): { key: string | null; detail: string } {
  const device = /^\[router\.([a-z_]+)\] ?([\s\S]*)$/.exec(stored);
  if (device && (ROUTER_ERROR_KINDS as readonly string[]).includes(device[1]!))
    return { key: `routers.errors.${device[1]}`, detail: device[2]! };
  if (stored.startsWith('Invalid payload')) return { key: 'jobs.errors.invalidPayload', detail: stored };
  return { key: null, detail: stored };
}
