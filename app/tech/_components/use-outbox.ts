'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FIELD_OWNER_HEADER, isOwnedBy } from '@/lib/field/owner';
import {
  type FieldStore,
  type NewOutboxItem,
  type OutboxItem,
  openFieldStore,
  type Problem,
  type StoredItem,
} from '@/lib/field/queue';
import type { FieldWorkOrderView } from '@/lib/field/view';
import { sendItem } from './send';

const RETRY_MS = 15_000;

/**
 * The phone's side of the work: the technician's work orders (from the server, else the copy
 * saved on the phone), the outbox and its problems, and sending whenever the phone is online.
 */
export function useOutbox(userId: string) {
  const store = useRef<FieldStore | null>(null);
  const [workOrders, setWorkOrders] = useState<FieldWorkOrderView[] | null>(null);
  const [fromCache, setFromCache] = useState(false);
  const [pending, setPending] = useState<StoredItem[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [online, setOnline] = useState(true);
  const [signInAgain, setSignInAgain] = useState(false);
  const cacheId = `work-orders:${userId}`;

  const reread = useCallback(async () => {
    if (!store.current) return;
    setPending(await store.current.pending(userId));
    setProblems(await store.current.problems(userId));
  }, [userId]);

  const load = useCallback(async () => {
    try {
      const response = await fetch('/api/field/work-orders', { cache: 'no-store' });
      if (!response.ok) throw new Error(`http_${response.status}`);
      // A copy the service worker kept for someone else (a shared phone) is not shown.
      if (!isOwnedBy(response.headers.get(FIELD_OWNER_HEADER), userId)) throw new Error('not_owner');
      const list = (await response.json()) as FieldWorkOrderView[];
      setWorkOrders(list);
      setFromCache(response.headers.get('x-field-cache') === 'hit');
      await store.current?.saveCache(cacheId, { owner: userId, list });
    } catch {
      const saved = await store.current?.readCache<{ owner?: string; list?: FieldWorkOrderView[] }>(cacheId);
      setWorkOrders(saved?.owner === userId ? (saved.list ?? []) : []);
      setFromCache(true);
    }
  }, [cacheId, userId]);

  const flush = useCallback(async () => {
    if (!store.current) return;
    const result = await store.current.flush(userId, sendItem);
    setSignInAgain(result.error === 'unauthenticated');
    await reread();
    if (result.sent + result.refused > 0) await load();
  }, [load, reread, userId]);

  useEffect(() => {
    let stopped = false;
    setOnline(navigator.onLine);
    const goOnline = () => {
      setOnline(true);
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    openFieldStore().then(async (s) => {
      if (stopped) return s.close();
      store.current = s;
      await reread();
      await load();
      await flush();
    });
    const timer = setInterval(() => {
      if (navigator.onLine) void flush();
    }, RETRY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      store.current?.close();
      store.current = null;
    };
  }, [flush, load, reread]);

  const enqueue = useCallback(
    async (made: NewOutboxItem) => {
      const item = { ...made, userId } as OutboxItem;
      // Shown at once; the outbox's own copy replaces it a moment later.
      setPending((list) => [...list, { ...item, seq: Number.MAX_SAFE_INTEGER, attempts: 0 } as StoredItem]);
      await store.current?.enqueue(item);
      await reread();
      void flush();
    },
    [flush, reread, userId],
  );

  const retry = useCallback(
    async (key: string) => {
      await store.current?.retryProblem(key);
      await reread();
      void flush();
    },
    [flush, reread],
  );

  const dismiss = useCallback(
    async (key: string) => {
      await store.current?.dismissProblem(key);
      await reread();
    },
    [reread],
  );

  return { workOrders, fromCache, pending, problems, online, signInAgain, enqueue, dismiss, retry, flush };
}
