import type { ChildProcess } from 'node:child_process';

export type ChildSpec = { name: string; spawn: () => ChildProcess };

export type SupervisorOptions = {
  /** Wait before the n-th restart in a row (n from 1): 1 s, 2 s, 4 s … up to 30 s. */
  backoffMs?: (n: number) => number;
  /** A child that stayed up this long is healthy again: its next crash restarts at once-ish. */
  healthyAfterMs?: number;
  log?: (line: string) => void;
};

const defaultBackoff = (n: number) => Math.min(30_000, 1000 * 2 ** (n - 1));

/**
 * `npm start`'s processes side by side (the web app and the worker). A child that exits on
 * its own — a crash, an out-of-memory kill — is started again after a growing pause, while
 * the others keep running: a crash of the web app no longer stops the worker's jobs or the
 * embedded database. `stop()` (Ctrl-C, SIGTERM) ends them all and waits for them.
 */
export function supervise(specs: ChildSpec[], options: SupervisorOptions = {}) {
  const backoff = options.backoffMs ?? defaultBackoff;
  const healthyAfter = options.healthyAfterMs ?? 60_000;
  const log = options.log ?? ((line: string) => console.error(line));
  let stopping = false;
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();
  const restarts = new Map<string, number>();

  const start = (spec: ChildSpec) => {
    const child = spec.spawn();
    const startedAt = Date.now();
    running.set(spec.name, child);
    child.once('exit', (code, signal) => {
      running.delete(spec.name);
      if (stopping) return;
      const n = Date.now() - startedAt >= healthyAfter ? 1 : (restarts.get(spec.name) ?? 0) + 1;
      restarts.set(spec.name, n);
      const wait = backoff(n);
      log(
        `[start] ${spec.name} stopped (${signal ?? `exit code ${code}`}); starting it again in ${Math.round(wait / 1000)} s`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) start(spec);
      }, wait);
      timers.add(timer);
    });
  };
  for (const spec of specs) start(spec);

  return {
    /** The child now running under this name (replaced after each restart). */
    child: (name: string) => running.get(name),
    restarts: (name: string) => restarts.get(name) ?? 0,
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const children = [...running.values()];
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
