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

/**
 * A calendar day as YYYY-MM-DD that Postgres can store: a real date (no 30 February, no
 * month 13) between 1900 and 9999, so a hand-edited link is a field error, not a failed query.
 */
export const calendarDay = (message: string) =>
  z.iso.date(message).refine((v) => v >= '1900-01-01' && v <= '9999-12-31', message);

/** A calendar month as YYYY-MM (a hand-edited month 13 is a field error). */
export const calendarMonth = (message: string) => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, message);

/** An optional form field: a blank select or input ("") is the same as leaving it out. */
export const blankAsUndefined = <T extends z.ZodType>(schema: T) =>
  schema.optional().or(z.literal('').transform(() => undefined));

/** An optional record id from a form (a blank select is none). */
export const optionalId = blankAsUndefined(z.string().uuid('validation.invalid'));
