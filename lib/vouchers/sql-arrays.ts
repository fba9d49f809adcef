/**
 * A Postgres array literal (`{"a","b"}`) sent as one text parameter: 100,000 codes are one
 * bind value, not 100,000 (drizzle would expand a JS array into a parameter list, and
 * Postgres allows at most 65,535 parameters). Elements are quoted; null stays NULL.
 */
export function pgTextArray(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}
