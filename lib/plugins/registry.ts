import { env } from '@/lib/env';
import { hostedPlatform } from '@/lib/network/router-address';
import { type HostBudget, PluginHost } from './host';
import type { NetRules } from './host-process';
import type { PluginManifest } from './sdk';

/** A package named in JARING_PLUGINS, as its host described it (or why it could not). */
export type RegisteredPlugin = { spec: string } & (
  | { ok: true; manifest: PluginManifest }
  | { ok: false; error: string }
);

export function pluginSpecs(): string[] {
  return [
    ...new Set(
      env()
        .JARING_PLUGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function pluginBudget(): HostBudget {
  return { timeoutMs: env().PLUGIN_HOOK_TIMEOUT_MS, memoryMb: env().PLUGIN_MEMORY_MB };
}

/**
 * Where a plugin's fetch may go, as for a router's address: on a self-hosted install anything
 * but loopback (allowed for tests) and link-local/metadata; on a hosted platform only public
 * addresses, since the settings are a tenant's.
 */
export function pluginNetRules(): NetRules {
  return hostedPlatform() ? {} : { only: 'local', allowLoopback: env().ROUTER_ALLOW_LOOPBACK };
}

let described: Promise<RegisteredPlugin[]> | null = null;

/**
 * Every configured plugin's manifest, read once per process by starting its host and closing
 * it again: the package's code never loads into this process. The list only changes with a
 * restart (JARING_PLUGINS is read at start); a failed load is retried on the next call.
 */
export function registeredPlugins(): Promise<RegisteredPlugin[]> {
  described ??= Promise.all(
    pluginSpecs().map(async (spec): Promise<RegisteredPlugin> => {
      const host = new PluginHost(spec, pluginBudget());
      try {
        const r = await host.describe();
        return r.ok ? { spec, ok: true, manifest: r.manifest } : { spec, ok: false, error: r.error };
      } finally {
        host.close();
      }
    }),
  ).then((list) => {
    if (list.some((p) => !p.ok)) described = null;
    return list;
  });
  return described;
}

export async function findPlugin(pluginId: string) {
  const found = (await registeredPlugins()).find((p) => p.ok && p.manifest.id === pluginId);
  return found?.ok ? found : null;
}
