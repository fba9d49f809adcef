/**
 * The unique index or constraint a failed write hit (Postgres 23505), or null for any other
 * error. drizzle wraps the driver's error in `cause`, so both places are looked at.
 */
export function uniqueViolation(error: unknown): string | null {
  const e = error as {
    code?: string;
    constraint_name?: string;
    cause?: { code?: string; constraint_name?: string };
  } | null;
  const code = e?.cause?.code ?? e?.code;
  if (code !== '23505') return null;
  return e?.cause?.constraint_name ?? e?.constraint_name ?? '';
}
