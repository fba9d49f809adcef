/**
 * Runs tasks with up to `window` in flight, results in order (router commands pipelined on
 * one connection, routers checked a few at a time, a job batch's jobs side by side).
 */
export async function pipelined<T>(tasks: (() => Promise<T>)[], window = 64): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, tasks.length) }, lane));
  return results;
}
