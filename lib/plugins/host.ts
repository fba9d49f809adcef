import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { HostReady, HostReply, HostRequest, NetRules } from './host-process';
import type { PluginEvent, PluginHookName, PluginManifest } from './sdk';

/** How a hook went: the plugin's own answer, or what the host saw of its process. */
export type HookOutcome = { outcome: 'ok' } | { outcome: 'error' | 'timeout' | 'crashed'; error: string };

export type HostBudget = {
  /** One hook's time; past it the host process is killed (and forked again for the next). */
  timeoutMs: number;
  /** The host's V8 heap limit (`--max-old-space-size`); past it V8 ends the process. */
  memoryMb: number;
  /** Time to start the process and load the package. */
  startMs?: number;
};

const HOST_FILE = path.join(process.cwd(), 'lib/plugins/host-process.ts');
const STDERR_KEPT = 4000;

type Pending = { resolve: (r: HookOutcome & { manifest?: PluginManifest }) => void; timer: NodeJS.Timeout };

/**
 * One plugin's host process, started on first use and again after it died or was killed.
 * Requests go one at a time (the host runs one hook per message); a request that outlives
 * its budget kills the process, so a hang costs one timeout and never a stuck worker.
 */
export class PluginHost {
  private child: ChildProcess | null = null;
  private ready: Promise<{ ok: true; manifest: PluginManifest } | { ok: false; error: string }> | null = null;
  private pending = new Map<number, Pending>();
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private stderr = '';

  constructor(
    readonly spec: string,
    private readonly budget: HostBudget,
    private readonly log: (line: string) => void = () => {},
  ) {}

  describe(): Promise<{ ok: true; manifest: PluginManifest } | { ok: false; error: string }> {
    return this.serial(() => this.start());
  }

  run(hook: PluginHookName, event: PluginEvent, config: Record<string, string>, net: NetRules): Promise<HookOutcome> {
    return this.serial(async () => {
      const started = await this.start();
      if (!started.ok) return { outcome: 'crashed', error: started.error };
      return this.request({ id: 0, kind: 'run', hook, event, config, net });
    });
  }

  close() {
    this.kill();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  private start() {
    if (this.ready) return this.ready;
    this.stderr = '';
    // spawn with an IPC channel is fork; Turbopack's build resolves fork()'s path as a module
    // (vercel/next.js#97952) but traces spawn()'s as a file.
    const args = ['--import', 'tsx', `--max-old-space-size=${this.budget.memoryMb}`, HOST_FILE, this.spec];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.child = child;
    // A host never keeps its parent running (a test, a worker stopping): a pending request
    // holds its own timer meanwhile.
    child.unref();
    child.channel?.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as Socket | null)?.unref();
    child.stdout?.on('data', (chunk: Buffer) => this.log(chunk.toString().trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    this.ready = new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve({ ok: false, error: `did not start within ${this.budget.startMs ?? 20_000} ms` });
      }, this.budget.startMs ?? 20_000);
      child.on('message', (m: HostReady | HostReply) => {
        if ('kind' in m && m.kind === 'ready') {
          clearTimeout(timer);
          if ('error' in m) {
            this.kill();
            resolve({ ok: false, error: m.error });
          } else resolve({ ok: true, manifest: m.manifest });
          return;
        }
        const reply = m as HostReply;
        const p = this.pending.get(reply.id);
        if (!p) return;
        clearTimeout(p.timer);
        this.pending.delete(reply.id);
        p.resolve(reply.ok ? { outcome: 'ok', manifest: reply.manifest } : { outcome: 'error', error: reply.error });
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        const why = this.exitReason(code, signal);
        resolve({ ok: false, error: why });
        if (this.child === child) {
          this.child = null;
          this.ready = null;
        }
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          this.pending.delete(id);
          p.resolve({ outcome: 'crashed', error: why });
        }
      });
    });
    return this.ready;
  }

  private request(message: HostRequest): Promise<HookOutcome> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.kill();
        resolve({ outcome: 'timeout', error: `no answer within ${this.budget.timeoutMs} ms` });
      }, this.budget.timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.child?.send({ ...message, id });
    });
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null) {
    if (/heap out of memory|Allocation failed/i.test(this.stderr))
      return `ran out of memory (limit ${this.budget.memoryMb} MB)`;
    const last = this.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    return last ? `${how}: ${last}` : how;
  }

  private kill() {
    const child = this.child;
    this.child = null;
    this.ready = null;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }
}

/** One host per plugin package, as the worker keeps them. */
export class PluginHosts {
  private hosts = new Map<string, PluginHost>();
  constructor(
    private readonly budget: HostBudget,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get(spec: string): PluginHost {
    let host = this.hosts.get(spec);
    if (!host) {
      host = new PluginHost(spec, this.budget, (line) => this.log(`[plugin ${spec}] ${line}`));
      this.hosts.set(spec, host);
    }
    return host;
  }

  close() {
    for (const host of this.hosts.values()) host.close();
    this.hosts.clear();
  }
}
