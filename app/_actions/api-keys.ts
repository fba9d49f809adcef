'use server';
import type { z } from 'zod';
import { createApiKeyOp, revokeApiKeyOp } from '@/lib/api/key-operations';
import { act } from './act';

/** Makes a key; the token is in this answer only (never revalidated into a page). */
export async function createApiKeyAction(input: z.input<typeof createApiKeyOp.input>) {
  return act(createApiKeyOp, input, { revalidate: ['/settings/api', '/settings'] });
}

export async function revokeApiKeyAction(input: z.input<typeof revokeApiKeyOp.input>) {
  return act(revokeApiKeyOp, input, { revalidate: ['/settings/api', '/settings'] });
}
