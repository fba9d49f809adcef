import { FIELD_DB_NAME, openFieldStore } from './queue';

/** The caches public/tech-sw.js fills (the app shell and the technician's work orders). */
export const TECH_CACHE_PREFIX = 'jaring-tech-';
/** localStorage keys of the technician's bag kept for offline use (`jaring-bag:<userId>`). */
export const BAG_CACHE_PREFIX = 'jaring-bag:';

/**
 * What signing out leaves on the phone: nothing of the technician's customers. The service
 * worker's copies of /tech and /api/field (kept by URL, so the next person on a shared phone
 * would open them offline), the work orders saved in IndexedDB and the bag's offline copy are
 * deleted. The outbox is
 * kept: those are steps already done at a customer's (a finish, a signature) and go when their
 * owner signs in again; the outbox never sends or shows them to anyone else.
 */
export async function clearFieldData(
  env: { caches?: CacheStorage; dbName?: string; localStorage?: Storage } = { caches: globalThis.caches },
): Promise<void> {
  const work: Promise<unknown>[] = [];
  if (env.caches) {
    const storage = env.caches;
    work.push(
      storage
        .keys()
        .then((keys) => Promise.all(keys.filter((k) => k.startsWith(TECH_CACHE_PREFIX)).map((k) => storage.delete(k)))),
    );
  }
  if (typeof indexedDB !== 'undefined')
    work.push(
      openFieldStore(env.dbName ?? FIELD_DB_NAME).then(async (store) => {
        await store.clearCache();
        store.close();
      }),
    );
  // The offline copy of the technician's bag (app/tech/_components/use-bag.ts): serials and MACs.
  try {
    const store = env.localStorage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
    const keys = store ? Array.from({ length: store.length }, (_, i) => store.key(i)) : [];
    for (const key of keys) if (key?.startsWith(BAG_CACHE_PREFIX)) store!.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept there either.
  }
  // Signing out goes on whatever happens here (private mode, storage blocked).
  await Promise.allSettled(work);
}
