/**
 * Whose work orders a field answer holds. The service worker keeps the last answer by URL, and
 * a phone may be shared: the answer names its technician so the app never shows a copy saved
 * for someone else.
 */
export const FIELD_OWNER_HEADER = 'x-field-owner';

export function isOwnedBy(owner: string | null | undefined, userId: string): boolean {
  return Boolean(owner) && owner === userId;
}
