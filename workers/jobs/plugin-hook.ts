import { handle } from '@/lib/jobs/runtime';
import { pluginHook } from '@/lib/plugins/jobs';
import { runPluginHook } from '@/lib/plugins/runs';
import { pluginHosts } from '../plugin-hosts';

export const pluginHookHandler = handle(pluginHook, (payload, job) =>
  runPluginHook(job.db, pluginHosts(), { orgId: job.orgId, ...payload }),
);
