import { notFound } from 'next/navigation';
import { AppError } from '@/lib/server/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record page's row; a malformed id, or a record this organization does not have, is a 404. */
export async function loadRecord<T>(id: string, load: (id: string) => Promise<T | null | undefined>): Promise<T> {
  if (!UUID.test(id)) notFound();
  const row = await load(id).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e)));
  if (!row) notFound();
  return row;
}
