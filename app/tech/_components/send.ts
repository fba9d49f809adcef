import type { SendOutcome, StoredItem } from '@/lib/field/queue';

/**
 * One outbox item to the server. No answer (offline, a dropped connection), a server error or
 * an expired sign-in keeps it for later with the same key; a refusal (a conflict, bad input,
 * too large) becomes a problem the technician sees.
 */
export async function sendItem(item: StoredItem): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(requestUrl(item), requestInit(item));
  } catch (error) {
    return { status: 'retry', error: error instanceof Error ? error.message : 'offline' };
  }
  if (response.status === 401) return { status: 'retry', error: 'unauthenticated' };
  // A server error counts towards turning the item into a problem; a busy server does not.
  if (response.status >= 500) return { status: 'retry', error: `http_${response.status}`, server: true };
  if (response.status === 429 || response.status === 408) return { status: 'retry', error: `http_${response.status}` };
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body?.ok === true) return { status: 'sent', version: Number(body.version) || undefined };
  if (response.ok && body?.ok === false)
    return { status: 'refused', reason: String(body.conflict ?? 'conflict'), message: String(body.message ?? '') };
  return {
    status: 'refused',
    reason: response.status === 413 ? 'too_large' : String(body?.code ?? `http_${response.status}`),
    message: refusalMessage(body),
  };
}

/** The server's message, and what it said about each field ("MAC tidak valid"), already translated. */
export function refusalMessage(body: Record<string, unknown> | null): string {
  const fields = body?.fieldErrors && typeof body.fieldErrors === 'object' ? Object.values(body.fieldErrors) : [];
  const parts = [body?.message, ...fields].filter((m): m is string => typeof m === 'string' && m.length > 0);
  return [...new Set(parts)].join(' ');
}

function requestUrl(item: StoredItem): string {
  if (item.kind === 'action') return '/api/field/actions';
  const base = `/api/field/work-orders/${item.workOrderId}/${item.kind === 'photo' ? 'photos' : 'signature'}`;
  const query = new URLSearchParams({ key: item.key });
  if (item.kind === 'photo') {
    query.set('takenAt', item.takenAt);
    if (item.caption) query.set('caption', item.caption);
  } else {
    query.set('signedName', item.signedName);
  }
  return `${base}?${query}`;
}

function requestInit(item: StoredItem): RequestInit {
  if (item.kind === 'action')
    return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item.action) };
  return { method: 'POST', headers: { 'content-type': item.mime }, body: item.blob };
}
