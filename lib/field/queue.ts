import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * The technician's outbox, kept on the phone (IndexedDB) so work done in a basement or a
 * village without signal survives a closed tab or a dead battery. Items are sent strictly in
 * the order they were made (a finish must not reach the office before the photos it needs),
 * one at a time, each with the idempotency key it was given when it was made: a send whose
 * answer was lost is repeated with the same key and the server answers from its record
 * instead of acting twice. An item the server refuses (the work order was reassigned or
 * cancelled meanwhile, or the input was wrong) moves to `problems`, which the app shows until
 * the technician has read it: nothing is dropped silently.
 *
 * A phone may be shared (one per team, handed over at the end of a shift), so every item and
 * problem carries the user who made it: only the signed-in technician's items are sent or
 * shown, and another's wait on the phone until their owner signs in again (their steps are
 * the customer's installation, not something to drop because the phone changed hands).
 */

/** A step on a work order, as the server's field action schema takes it (without the type-specific rest). */
export type QueuedAction = {
  key: string;
  workOrderId: string;
  version: number;
  at: string;
  type: string;
  lat?: number;
  lng?: number;
  [field: string]: unknown;
};

/** What every item carries; `number` (e.g. SPK-000123) names the work order in a problem even after it left the list. */
type ItemBase = { key: string; userId: string; workOrderId: string; number?: string; createdAt: string };

export type OutboxItem =
  | (ItemBase & { kind: 'action'; action: QueuedAction })
  | (ItemBase & {
      kind: 'photo';
      blob: Blob;
      mime: string;
      takenAt: string;
      caption?: string;
    })
  | (ItemBase & { kind: 'signature'; blob: Blob; mime: string; signedName: string });

/** `failures` counts server errors only (not offline): a step the server keeps failing on is not held forever. */
/** An item as the app makes it: the outbox adds whose it is. */
export type NewOutboxItem = OutboxItem extends infer I ? (I extends OutboxItem ? Omit<I, 'userId'> : never) : never;

export type StoredItem = OutboxItem & { seq: number; attempts: number; failures?: number; lastError?: string };

/** After this many server errors in a row an item becomes a problem, so the steps behind it can go. */
export const MAX_SERVER_FAILURES = 5;

/** Why the server refused an item: the work order's state (a conflict) or the item itself. */
export type Problem = {
  key: string;
  /** Absent on problems saved before the outbox knew its users: shown to whoever is signed in. */
  userId?: string;
  workOrderId: string;
  number?: string;
  kind: OutboxItem['kind'];
  type: string;
  reason: string;
  message: string;
  at: string;
  /** Kept when the server kept failing (not a refusal): the technician may send it again. */
  item?: StoredItem;
};

/** What one send came to: done (drop it), refused (keep it as a problem), or try again later. */
export type SendOutcome =
  | { status: 'sent'; version?: number }
  | { status: 'refused'; reason: string; message: string }
  | { status: 'retry'; error: string; server?: boolean };

export type Sender = (item: StoredItem) => Promise<SendOutcome>;

interface FieldDb extends DBSchema {
  outbox: { key: number; value: StoredItem; indexes: { byKey: string } };
  problems: { key: string; value: Problem };
  cache: { key: string; value: { id: string; data: unknown; savedAt: string } };
}

export const FIELD_DB_NAME = 'jaring-field';

export type FieldStore = {
  enqueue(item: OutboxItem): Promise<number>;
  /** The signed-in user's items, in order; others' stay on the phone untouched. */
  pending(userId: string): Promise<StoredItem[]>;
  pendingCount(userId: string): Promise<number>;
  problems(userId: string): Promise<Problem[]>;
  dismissProblem(key: string): Promise<void>;
  /** A problem kept because the server kept failing goes back into the outbox, in its old place. */
  retryProblem(key: string): Promise<void>;
  flush(userId: string, send: Sender, onSent?: (item: StoredItem, outcome: SendOutcome) => void): Promise<FlushResult>;
  saveCache(id: string, data: unknown): Promise<void>;
  readCache<T>(id: string): Promise<T | null>;
  /** Forgets the saved work orders (customers' names, addresses, phones): on sign-out. */
  clearCache(): Promise<void>;
  close(): void;
};

export type FlushResult = { sent: number; refused: number; held: number; error?: string };

export function openFieldStore(name = FIELD_DB_NAME): Promise<FieldStore> {
  return openDB<FieldDb>(name, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byKey', 'key', { unique: true });
      db.createObjectStore('problems', { keyPath: 'key' });
      db.createObjectStore('cache', { keyPath: 'id' });
    },
  }).then(storeOver);
}

function storeOver(db: IDBPDatabase<FieldDb>): FieldStore {
  // One flush at a time in this tab; across tabs the Web Locks API (where present) does the same.
  let running: Promise<FlushResult> | null = null;

  const mine = async (userId: string) =>
    (await db.getAll('outbox')).filter((i) => ownedBy(i, userId)).sort((a, b) => a.seq - b.seq);
  const firstOf = async (userId: string) => {
    let cursor = await db.transaction('outbox').store.openCursor();
    while (cursor && !ownedBy(cursor.value, userId)) cursor = await cursor.continue();
    return cursor?.value;
  };

  const flushOnce = async (userId: string, send: Sender, onSent?: (item: StoredItem, o: SendOutcome) => void) => {
    const result: FlushResult = { sent: 0, refused: 0, held: 0 };
    for (;;) {
      const item = await firstOf(userId);
      if (!item) return result;
      let outcome: SendOutcome;
      try {
        outcome = await send(item);
      } catch (error) {
        outcome = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
      }
      const failures = (item.failures ?? 0) + (outcome.status === 'retry' && outcome.server ? 1 : 0);
      if (outcome.status === 'retry' && failures < MAX_SERVER_FAILURES) {
        await db.put('outbox', { ...item, attempts: item.attempts + 1, failures, lastError: outcome.error });
        result.held = (await mine(userId)).length;
        result.error = outcome.error;
        return result;
      }
      const tx = db.transaction(['outbox', 'problems'], 'readwrite');
      if (outcome.status === 'retry') {
        // The server has failed on it again and again: stop holding everything behind it.
        const kept = { ...item, attempts: 0, failures: 0, lastError: outcome.error };
        await tx.objectStore('problems').put({
          ...problemFor(item, { reason: 'server_error', message: outcome.error }),
          item: kept,
        });
        result.refused++;
      } else if (outcome.status === 'refused') {
        await tx.objectStore('problems').put(problemFor(item, outcome));
        result.refused++;
      } else {
        result.sent++;
      }
      await tx.objectStore('outbox').delete(item.seq);
      await tx.done;
      onSent?.(item, outcome);
    }
  };

  return {
    async enqueue(item) {
      const existing = await db.getKeyFromIndex('outbox', 'byKey', item.key);
      if (existing !== undefined) return existing;
      return db.add('outbox', { ...item, attempts: 0 } as StoredItem);
    },
    pending: (userId) => mine(userId),
    pendingCount: async (userId) => (await mine(userId)).length,
    problems: async (userId) =>
      (await db.getAll('problems')).filter((p) => ownedBy(p, userId)).sort((a, b) => a.at.localeCompare(b.at)),
    dismissProblem: (key) => db.delete('problems', key),
    async retryProblem(key) {
      const tx = db.transaction(['outbox', 'problems'], 'readwrite');
      const problem = await tx.objectStore('problems').get(key);
      if (problem?.item) await tx.objectStore('outbox').put(problem.item);
      if (problem) await tx.objectStore('problems').delete(key);
      await tx.done;
    },
    flush(userId, send, onSent) {
      if (running) return running;
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const work = (): Promise<FlushResult> => flushOnce(userId, send, onSent);
      const underLock = async () => {
        let result: FlushResult = { sent: 0, refused: 0, held: 0 };
        await locks!.request('jaring-field-outbox', async () => {
          result = await work();
        });
        return result;
      };
      const started = (locks ? underLock() : work()).finally(() => {
        running = null;
      });
      running = started;
      return started;
    },
    async saveCache(id, data) {
      await db.put('cache', { id, data, savedAt: new Date().toISOString() });
    },
    async readCache<T>(id: string) {
      return ((await db.get('cache', id))?.data as T | undefined) ?? null;
    },
    clearCache: () => db.clear('cache'),
    close: () => db.close(),
  };
}

/** Items and problems saved before they carried a user belong to whoever signs in first. */
function ownedBy(thing: { userId?: string }, userId: string) {
  return !thing.userId || thing.userId === userId;
}

function problemFor(item: StoredItem, outcome: { reason: string; message: string }): Problem {
  return {
    key: item.key,
    userId: item.userId,
    workOrderId: item.workOrderId,
    number: item.number,
    kind: item.kind,
    type: item.kind === 'action' ? item.action.type : item.kind,
    reason: outcome.reason,
    message: outcome.message,
    at: new Date().toISOString(),
  };
}
