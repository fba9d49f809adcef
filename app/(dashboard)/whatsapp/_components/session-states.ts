import type { SessionStatus } from '@/db/schema';

/** A Baileys session in these states still needs its phone to scan the QR. */
export const WAITING_STATUSES: SessionStatus[] = ['new', 'qr', 'connecting'];
