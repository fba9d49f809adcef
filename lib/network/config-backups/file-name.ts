import { zonedStamp } from '@/lib/format';

/**
 * A saved configuration's `.rsc` download name: the router's name and when it was taken, on the
 * organization's clock (`Core-1-2026-12-08-0630.rsc`). Only letters, digits, dot, dash and
 * underscore: the name goes into a header.
 */
export function configFileName(p: { routerName: string; takenAt: Date; timeZone: string }): string {
  const { day, time } = zonedStamp(p.takenAt, p.timeZone);
  const name = `${p.routerName}-${day}-${time}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${name || 'router'}.rsc`;
}
