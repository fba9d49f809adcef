'use client';
import { useCallback, useEffect, useState } from 'react';
import { FIELD_OWNER_HEADER, isOwnedBy } from '@/lib/field/owner';
import { BAG_CACHE_PREFIX } from '@/lib/field/sign-out';
import type { MyBag } from '@/lib/inventory/field-stock';

/**
 * What is in the technician's bag, from the server, else the copy kept on the phone (like the
 * work orders): the forms offer its serials and materials without a signal too.
 */
export function useBag(userId: string) {
  const [bag, setBag] = useState<MyBag | null>(null);
  const cacheKey = `${BAG_CACHE_PREFIX}${userId}`;
  const reload = useCallback(async () => {
    try {
      const response = await fetch('/api/field/bag', { cache: 'no-store' });
      if (!response.ok) throw new Error(`http_${response.status}`);
      if (!isOwnedBy(response.headers.get(FIELD_OWNER_HEADER), userId)) throw new Error('not_owner');
      const data = (await response.json()) as MyBag;
      setBag(data);
      window.localStorage.setItem(cacheKey, JSON.stringify(data));
    } catch {
      const saved = window.localStorage.getItem(cacheKey);
      setBag(saved ? (JSON.parse(saved) as MyBag) : { code: null, units: [], bulk: [] });
    }
  }, [cacheKey, userId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { bag, reload };
}
