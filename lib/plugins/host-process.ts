/**
 * The plugin host: a child process (forked by lib/plugins/host.ts with its own heap limit)
 * that loads one plugin package and runs its hooks, one message at a time. Whatever the
 * plugin does here (throw, hang, exit, run out of memory) stays in this process: the worker
 * sees an answer, a timeout or an exit. It imports nothing of the app but the address check.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ResolveOptions, resolvePublicUrl } from '../server/public-address';
import type { JaringPlugin, PluginEvent, PluginHookName, PluginManifest } from './sdk';

export type HostRequest =
  | { id: number; kind: 'run'; hook: PluginHookName; event: PluginEvent; config: Record<string, string>; net: NetRules }
  | { id: number; kind: 'describe' };
export type HostReply = { id: number; ok: true; manifest?: PluginManifest } | { id: number; ok: false; error: string };
export type HostReady = { kind: 'ready'; manifest: PluginManifest } | { kind: 'ready'; error: string };
export type NetRules = Pick<ResolveOptions, 'only' | 'allowLoopback'>;

const send = (message: HostReply | HostReady) => process.send?.(message);

/** `./path` and `/path` from the app's folder; anything else as an npm package name from there. */
async function loadPlugin(spec: string): Promise<JaringPlugin> {
  const root = process.cwd();
  const file = /^\.{0,2}\//.test(spec)
    ? createRequire(path.join(root, 'package.json')).resolve(path.resolve(root, spec))
    : createRequire(path.join(root, 'package.json')).resolve(spec);
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const plugin = (mod.default && typeof mod.default === 'object' && 'hooks' in mod.default ? mod.default : mod) as
    | JaringPlugin
    | { default?: JaringPlugin };
  const found = 'hooks' in plugin ? plugin : plugin.default;
  if (!found || typeof found.id !== 'string' || !found.id || typeof found.hooks !== 'object')
    throw new Error(`${spec} does not export a Jaring plugin ({ id, name, version, hooks })`);
  return found;
}

function manifestOf(p: JaringPlugin): PluginManifest {
  return {
    id: p.id,
    name: String(p.name ?? p.id),
    version: String(p.version ?? '0.0.0'),
    description: p.description,
    configSchema: p.configSchema,
    hooks: Object.keys(p.hooks).filter((h) => typeof p.hooks[h as PluginHookName] === 'function') as PluginHookName[],
  };
}

/** The plugin's fetch: the URL is checked first (as every tenant-typed address), redirects are not followed. */
function guardedFetch(net: NetRules): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    await resolvePublicUrl(url, net);
    return fetch(input, { ...init, redirect: 'manual' });
  };
}

const text = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

async function main() {
  const spec = process.argv[2] ?? '';
  let plugin: JaringPlugin;
  try {
    plugin = await loadPlugin(spec);
  } catch (error) {
    send({ kind: 'ready', error: text(error) });
    // Stay until told: the parent records why and closes us.
    return;
  }
  process.on('message', async (m: HostRequest) => {
    if (m.kind === 'describe') return send({ id: m.id, ok: true, manifest: manifestOf(plugin) });
    const hook = plugin.hooks[m.hook];
    if (!hook) return send({ id: m.id, ok: true });
    try {
      const log = (...args: unknown[]) => console.log(...args);
      await hook(m.event, { config: m.config, fetch: guardedFetch(m.net), log });
      send({ id: m.id, ok: true });
    } catch (error) {
      send({ id: m.id, ok: false, error: text(error) });
    }
  });
  send({ kind: 'ready', manifest: manifestOf(plugin) });
}

// The parent gone (worker stopped or killed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
void main();
