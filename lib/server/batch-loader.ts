/**
 * Coalesces lookups made in the same tick into one call (like DataLoader): jobs of a batch
 * running side by side ask for their rows one by one, and one query answers them all.
 */
export function batchLoader<K, V>(load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let queue: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  return (key) =>
    new Promise((resolve, reject) => {
      queue.push({ key, resolve, reject });
      if (queue.length > 1) return;
      setImmediate(() => {
        const batch = queue;
        queue = [];
        load([...new Set(batch.map((b) => b.key))]).then(
          (found) => {
            for (const b of batch) b.resolve(found.get(b.key));
          },
          (error) => {
            for (const b of batch) b.reject(error);
          },
        );
      });
    });
}
