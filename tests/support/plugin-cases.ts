import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { pluginInstalls, routers } from '@/db/schema';
import { savePluginInstall } from '@/lib/plugins/installs';
import * as pluginOps from '@/lib/plugins/operations';
import type { Result } from '@/lib/server/operation';
import { makeRouter } from '../helpers';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/** A public address written as an IP literal: accepted without a DNS lookup. */
export const SHEET_URL = 'https://93.184.216.34/macros/exec';

/** An organization's sample plugin, on, with its endpoint and token; and a router that failed its check. */
export async function makePluginWorld(db: Database, orgId: string, userId: string, label: string) {
  await savePluginInstall(db, {
    orgId,
    actorUserId: userId,
    ip: null,
    input: {
      pluginId: 'sheets-sample',
      enabled: true,
      eventTypes: ['invoice.paid'],
      config: { url: `${SHEET_URL}?sheet=${label}-only`, token: `token-${label}-only` },
    },
  });
  const router = await makeRouter(db, orgId, { host: '127.0.0.1', port: 9 }, { name: `router-${label}-only` });
  await db
    .update(routers)
    .set({
      status: 'offline',
      lastErrorKind: 'timeout',
      lastError: `${label}-only timed out`,
      lastCheckedAt: new Date(),
    })
    .where(eq(routers.id, router.id));
}

/**
 * B's plugin settings and its failing router: A's catalogue shows none of it, and A's
 * changes to the same plugin are A's own.
 */
export function pluginIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: Promise<void> | undefined;
  const bWorld = () => (world ??= makePluginWorld(sides().db, sides().b.orgId, sides().b.userId, 'B'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const bInstall = async () =>
    (
      await sides()
        .db.select()
        .from(pluginInstalls)
        .where(and(eq(pluginInstalls.organizationId, sides().b.orgId), eq(pluginInstalls.pluginId, 'sheets-sample')))
    )[0];
  return {
    'plugins.catalogue': async () => {
      await bWorld();
      const r = await run(pluginOps.pluginCatalogueOp, {});
      assert.ok(r.ok);
      const text = JSON.stringify(r.data);
      for (const secret of ['B-only', 'token-B']) assert.ok(!text.includes(secret), secret);
    },
    'plugins.save': async () => {
      await bWorld();
      const before = await bInstall();
      const r = await run(pluginOps.savePluginOp, {
        pluginId: 'sheets-sample',
        enabled: false,
        eventTypes: ['invoice.paid'],
        config: { url: SHEET_URL, token: 'token-A' },
      });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(await bInstall(), before);
    },
    'plugins.setEnabled': async () => {
      await bWorld();
      const before = await bInstall();
      const r = await run(pluginOps.setPluginEnabledOp, { pluginId: 'sheets-sample', enabled: false });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(await bInstall(), before);
    },
  };
}

/** Inputs that succeed for a role allowed each operation. */
export function pluginMatrixInputs(): Record<string, unknown> {
  return {
    'plugins.catalogue': {},
    'plugins.save': {
      pluginId: 'sheets-sample',
      enabled: false,
      eventTypes: ['invoice.paid'],
      config: { url: SHEET_URL, token: 'token-matrix' },
    },
    'plugins.setEnabled': { pluginId: 'test-throws', enabled: true },
  };
}
