import { localDateTime } from '@/lib/exports/render';

/**
 * A saved configuration's `.rsc` download name: the router's name and when it was taken, on the
 * organization's clock (`Core-1-2026-12-08-0630.rsc`). Only letters, digits, dot, dash and
 * underscore: the name goes into a header.
 */
export function configFileName(p: { routerName: string; takenAt: Date; timeZone: string }): string {
  // `YYYY-MM-DD HH:mm` on the organization's clock, as `YYYY-MM-DD-HHmm`.
  const stamp = localDateTime(p.takenAt, p.timeZone).replace(' ', '-').replace(':', '');
  const name = `${p.routerName}-${stamp}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${name || 'router'}.rsc`;
}
