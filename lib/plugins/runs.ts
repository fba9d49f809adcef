import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { events, pluginInstalls, pluginRuns } from '@/db/schema';
import type { EventType } from '@/lib/events/catalog';
import { PermanentJobError } from '@/lib/jobs/errors';
import { hooksForEvent } from './hooks';
import type { HookOutcome, PluginHosts } from './host';
import { getInstall, readInstallConfig } from './installs';
import { findPlugin, pluginNetRules } from './registry';

/** A plugin's own error text is kept to this length (it is shown as the plugin's, not ours). */
const ERROR_KEPT = 500;

/** `[outcome] text`, as the install's last error keeps it: the screen words the outcome, the text is the plugin's. */
export function storedPluginError(o: Exclude<HookOutcome, { outcome: 'ok' }>) {
  return `[${o.outcome}] ${o.error}`.slice(0, ERROR_KEPT);
}

export function describePluginError(stored: string): { outcome: string | null; detail: string } {
  const m = /^\[(error|timeout|crashed)\] ?([\s\S]*)$/.exec(stored);
  return m ? { outcome: m[1]!, detail: m[2]! } : { outcome: null, detail: stored };
}

/**
 * The `plugin-hook` job: runs the hooks an event means for one organization's plugin in the
 * plugin's host process, and records each run and the plugin's health. A hook that throws,
 * hangs or takes its process down is recorded and retried by the job's back-off; nothing of it
 * reaches this process beyond the outcome.
 */
export async function runPluginHook(
  db: Database,
  hosts: PluginHosts,
  p: { orgId: string; pluginId: string; eventId: string },
) {
  const install = await getInstall(db, { orgId: p.orgId, pluginId: p.pluginId });
  if (!install?.enabled) return { skipped: 'disabled' };
  const [event] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, p.eventId), eq(events.organizationId, p.orgId)));
  if (!event) return { skipped: 'no_event' };
  const plugin = await findPlugin(p.pluginId);
  if (!plugin) throw new PermanentJobError(`Plugin ${p.pluginId} is not installed on this server (JARING_PLUGINS)`);
  const type = event.type as EventType;
  const config = readInstallConfig(install);
  const payload = {
    id: event.id,
    type,
    organizationId: event.organizationId,
    createdAt: event.createdAt.toISOString(),
    data: event.data,
  };
  const outcomes: Record<string, string> = {};
  let failure: Exclude<HookOutcome, { outcome: 'ok' }> | null = null;
  for (const hook of hooksForEvent(plugin.manifest.hooks, type)) {
    const started = Date.now();
    const result = await hosts.get(plugin.spec).run(hook, payload, config, pluginNetRules());
    outcomes[hook] = result.outcome;
    await recordRun(db, { ...p, hook, durationMs: Date.now() - started, result });
    if (result.outcome !== 'ok') failure ??= result;
  }
  // The error text is the plugin's; the jobs page shows it, the plugin page words it.
  if (failure) throw new Error(`Plugin ${p.pluginId}: ${storedPluginError(failure)}`);
  return { outcomes };
}

async function recordRun(
  db: Database,
  p: { orgId: string; pluginId: string; eventId: string; hook: string; durationMs: number; result: HookOutcome },
) {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(pluginRuns).values({
      organizationId: p.orgId,
      pluginId: p.pluginId,
      eventId: p.eventId,
      hook: p.hook,
      outcome: p.result.outcome,
      durationMs: p.durationMs,
      error: p.result.outcome === 'ok' ? null : p.result.error.slice(0, ERROR_KEPT),
    });
    await tx
      .update(pluginInstalls)
      .set(
        p.result.outcome === 'ok'
          ? { health: 'ok', lastOkAt: now }
          : { health: 'failing', lastError: storedPluginError(p.result), lastErrorAt: now },
      )
      .where(and(eq(pluginInstalls.organizationId, p.orgId), eq(pluginInstalls.pluginId, p.pluginId)));
  });
}

/** The latest runs of the organization's plugins, newest first, a few per plugin. */
export async function recentPluginRuns(db: Database, p: { orgId: string; pluginIds: string[]; perPlugin?: number }) {
  if (p.pluginIds.length === 0) return [];
  const rows = await db
    .select({
      id: pluginRuns.id,
      pluginId: pluginRuns.pluginId,
      hook: pluginRuns.hook,
      outcome: pluginRuns.outcome,
      durationMs: pluginRuns.durationMs,
      error: pluginRuns.error,
      createdAt: pluginRuns.createdAt,
    })
    .from(pluginRuns)
    .where(and(eq(pluginRuns.organizationId, p.orgId), inArray(pluginRuns.pluginId, p.pluginIds)))
    .orderBy(desc(pluginRuns.createdAt), desc(pluginRuns.id))
    .limit(p.pluginIds.length * (p.perPlugin ?? 5) * 4);
  const per = new Map<string, number>();
  return rows.filter((r) => {
    const n = (per.get(r.pluginId) ?? 0) + 1;
    per.set(r.pluginId, n);
    return n <= (p.perPlugin ?? 5);
  });
}
