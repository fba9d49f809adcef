import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { routerConfigState, routerConfigVersions, routers } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { configHash } from '@/lib/network/config-backups/export-text';
import * as ops from '@/lib/network/config-backups/operations';
import type { Result } from '@/lib/server/operation';
import { makeRouter } from '../helpers';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

const text = (n: number, tag: string) =>
  `# 2026-12-0${n} 02:00:00 by RouterOS 7.16\n# software id = AAAA-BBBB\n/system identity\nset name=${tag}-RAHASIA-${n}\n`;

/**
 * An organization's router (never contacted) with two saved configurations and a new SSH
 * host key waiting to be accepted: what the walkers need to reach every operation.
 */
export async function makeRouterConfigWorld(db: Database, orgId: string, tag = 'B') {
  const router = await makeRouter(db, orgId, { host: '10.255.9.1', port: 8728 });
  const [older, newer] = await db
    .insert(routerConfigVersions)
    .values(
      [1, 2].map((n) => ({
        organizationId: orgId,
        routerId: router.id,
        takenAt: new Date(Date.UTC(2026, 11, n, 19)),
        trigger: 'schedule' as const,
        textEnc: encryptSecret(text(n, tag)),
        sha256: configHash(text(n, tag)),
        sizeBytes: text(n, tag).length,
        lineCount: 4,
        addedLines: n === 1 ? null : 1,
        removedLines: n === 1 ? null : 1,
        routerosVersion: '7.16',
      })),
    )
    .returning();
  await db.insert(routerConfigState).values({
    routerId: router.id,
    organizationId: orgId,
    hostKeyFingerprint: `SHA256:${tag}-trusted`,
    hostKeyType: 'ssh-ed25519',
    pendingHostKeyFingerprint: `SHA256:${tag}-new`,
    pendingHostKeyType: 'ssh-ed25519',
    pendingHostKeySeenAt: new Date(),
    lastStatus: 'failed',
    lastErrorKind: 'host_key_changed',
    lastError: `${tag} only`,
  });
  return { routerId: router.id, olderId: older!.id, newerId: newer!.id };
}

/** A member of A names B's router and versions: every operation answers "not found" and changes nothing. */
export function routerConfigIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeRouterConfigWorld> | undefined;
  const b = () => (world ??= makeRouterConfigWorld(sides().db, sides().b.orgId));
  const notFound = async (op: unknown, input: (w: Awaited<ReturnType<typeof b>>) => unknown) => {
    const w = await b();
    const r = await sides().run(op as never, input(w));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'not_found');
    assert.ok(!JSON.stringify(r).includes('RAHASIA'));
  };
  const unchanged = async () => {
    const w = await b();
    const db = sides().db;
    const [state] = await db.select().from(routerConfigState).where(eq(routerConfigState.routerId, w.routerId));
    assert.equal(state!.hostKeyFingerprint, 'SHA256:B-trusted');
    const [router] = await db.select().from(routers).where(eq(routers.id, w.routerId));
    assert.deepEqual([router!.sshPort, router!.configBackupKeep, router!.configBackupEnabled], [22, 30, true]);
  };
  return {
    'routerConfig.status': () => notFound(ops.configBackupStatusOp, (w) => ({ routerId: w.routerId })),
    'routerConfig.versions': () => notFound(ops.listConfigVersionsOp, (w) => ({ routerId: w.routerId })),
    'routerConfig.version': () =>
      notFound(ops.getConfigVersionOp, (w) => ({ routerId: w.routerId, versionId: w.newerId })),
    'routerConfig.diff': () =>
      notFound(ops.diffConfigVersionsOp, (w) => ({ routerId: w.routerId, fromId: w.olderId, toId: w.newerId })),
    'routerConfig.run': () => notFound(ops.runConfigBackupOp, (w) => ({ routerId: w.routerId })),
    'routerConfig.saveSettings': async () => {
      await notFound(ops.saveConfigBackupSettingsOp, (w) => ({
        routerId: w.routerId,
        sshPort: '2222',
        keep: '5',
        enabled: false,
      }));
      await unchanged();
    },
    'routerConfig.acceptHostKey': async () => {
      await notFound(ops.acceptRouterHostKeyOp, (w) => ({ routerId: w.routerId, fingerprint: 'SHA256:B-new' }));
      await unchanged();
    },
  };
}

/** Inputs for the permission matrix: the organization's own router, versions and waiting key. */
export async function routerConfigMatrixInputs(db: Database, orgId: string): Promise<Record<string, unknown>> {
  const w = await makeRouterConfigWorld(db, orgId, 'M');
  const ref = { routerId: w.routerId };
  return {
    'routerConfig.status': ref,
    'routerConfig.versions': ref,
    'routerConfig.version': { ...ref, versionId: w.newerId },
    'routerConfig.diff': { ...ref, fromId: w.olderId, toId: w.newerId },
    'routerConfig.run': ref,
    'routerConfig.saveSettings': { ...ref, sshPort: '22', keep: '10', enabled: 'on' },
    'routerConfig.acceptHostKey': { ...ref, fingerprint: 'SHA256:M-new' },
  };
}
