import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { env } from '@/lib/env';
import { DEMO_ORG_SLUG } from '@/lib/platform/demo-constants';

/** The demo banner's condition: the demo is on (never in production) and its ISP exists. */
export async function demoIsLive(db: Db): Promise<boolean> {
  if (!env().SEED_DEMO) return false;
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, DEMO_ORG_SLUG));
  return Boolean(row);
}
