import { maskSecret } from '@/lib/crypto';

export type KeyField = { key: string; secret: boolean; optional?: boolean };

/**
 * An account's keys as a form saves them: a secret left blank keeps the stored one (the
 * form never gets it back), hints show secrets masked and the rest in clear, and `missing`
 * names the form fields (`prefix` + key) of required keys that are still empty.
 */
export function mergeKeyFields(
  fields: readonly KeyField[],
  typed: Record<string, string>,
  stored: Record<string, string>,
  prefix: string,
) {
  const values: Record<string, string> = {};
  const hints: Record<string, string> = {};
  const missing: Record<string, string> = {};
  for (const f of fields) {
    const value = typed[f.key] || (f.secret ? (stored[f.key] ?? '') : '');
    values[f.key] = value;
    hints[f.key] = f.secret ? maskSecret(value) : value;
    if (!value && !f.optional) missing[`${prefix}${f.key}`] = 'validation.required';
  }
  return { values, hints, missing };
}
