import { z } from 'zod';

/**
 * Form fields arrive as text. "Rp 150.000", "150.000" and "150000" all mean 150000 rupiah
 * (dots are thousands separators here); a leading minus makes it negative (a discount).
 * Empty text is "missing", so the field's own required message shows.
 */
export function rupiahText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const digits = v.replace(/[^\d]/g, '');
  return digits === '' ? undefined : (v.trim().startsWith('-') ? -1 : 1) * Number(digits);
}

/** A checkbox: present as "on" when ticked, absent when not. */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
