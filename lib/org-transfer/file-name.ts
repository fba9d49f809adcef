import { localDateTime } from '@/lib/exports/render';

/** The export ZIP's download name: `jaring-<slug>-<day>.zip`, the day it was asked for in the organization's zone. */
export function exportFileName(p: { slug: string; requestedAt: Date; timeZone: string }): string {
  return `jaring-${p.slug}-${localDateTime(p.requestedAt, p.timeZone).slice(0, 10)}.zip`;
}
