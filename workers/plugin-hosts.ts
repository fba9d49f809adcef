import { PluginHosts } from '@/lib/plugins/host';
import { pluginBudget } from '@/lib/plugins/registry';

let hosts: PluginHosts | null = null;

/** The worker's plugin host processes, one per plugin package, started on first use. */
export function pluginHosts(): PluginHosts {
  hosts ??= new PluginHosts(pluginBudget(), (line) => console.log(`[worker] ${line}`));
  return hosts;
}

export function closePluginHosts() {
  hosts?.close();
  hosts = null;
}
