import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cables, infraSites, odps, oltPonPorts, olts, routers } from '@/db/schema';
import { translate } from '@/lib/i18n/translate';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { AppError } from '@/lib/server/errors';
import type { OutageElement } from './affected';

/**
 * The element an outage is about, looked up in the organization: its label as it reads
 * today (kept on the outage, so a rename or delete later does not blank the history) and
 * where it is. A site must be of the kind the outage names (an ODC is not an OLT).
 */
export async function resolveElement(db: Db, p: { orgId: string; element: OutageElement }) {
  const e = p.element;
  const found = await lookup(db, p.orgId, e);
  if (!found) throw new AppError('not_found');
  if (e.type === 'odp_port') {
    const port = e.odpPort ?? 0;
    if (!Number.isInteger(port) || port < 1 || port > (found.totalPorts ?? 0))
      throw new AppError(
        'odp_port_range',
        { code: found.label, total: found.totalPorts ?? 0, port },
        { odpPort: 'validation.odpPort' },
      );
    // The label is stored on the outage and read by customers and staff: in the organization's language.
    const { locale } = await getMessagingSettings(db, p.orgId);
    return { label: `${found.label} · ${translate(locale, 'outages.portN', { n: port })}`, area: found.area };
  }
  return { label: found.label, area: found.area };
}

type Found = { label: string; area: string | null; totalPorts?: number };

async function lookup(db: Db, orgId: string, e: OutageElement): Promise<Found | undefined> {
  switch (e.type) {
    case 'router': {
      const [r] = await db
        .select({ label: routers.name, area: routers.area })
        .from(routers)
        .where(and(eq(routers.id, e.id), eq(routers.organizationId, orgId)));
      return r;
    }
    case 'odp':
    case 'odp_port': {
      const [o] = await db
        .select({
          label: sql<string>`${odps.code} || ' — ' || ${odps.name}`,
          area: odps.area,
          totalPorts: odps.totalPorts,
        })
        .from(odps)
        .where(and(eq(odps.id, e.id), eq(odps.organizationId, orgId)));
      return o;
    }
    case 'pon_port': {
      const [p] = await db
        .select({ label: sql<string>`${olts.name} || ' · ' || ${oltPonPorts.name}`, area: sql<string | null>`null` })
        .from(oltPonPorts)
        .innerJoin(olts, and(eq(olts.id, oltPonPorts.oltId), eq(olts.organizationId, orgId)))
        .where(and(eq(oltPonPorts.id, e.id), eq(oltPonPorts.organizationId, orgId)));
      return p;
    }
    case 'cable': {
      const [c] = await db
        .select({ label: sql<string>`${cables.code} || ' — ' || ${cables.name}`, area: cables.area })
        .from(cables)
        .where(and(eq(cables.id, e.id), eq(cables.organizationId, orgId)));
      return c;
    }
    default: {
      const [s] = await db
        .select({ label: sql<string>`${infraSites.code} || ' — ' || ${infraSites.name}`, area: infraSites.area })
        .from(infraSites)
        .where(and(eq(infraSites.id, e.id), eq(infraSites.organizationId, orgId), eq(infraSites.kind, e.type)));
      return s;
    }
  }
}
