/**
 * GET one of our JSON routes; errors carry the operator's message (see toResponse). Kept
 * apart from the Leaflet modules so that forms rendered on the server (the lead form) can
 * use it without importing Leaflet.
 */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, cache: 'no-store' });
  const body = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok || body === null) throw new Error(body?.message ?? '');
  return body;
}
