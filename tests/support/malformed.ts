import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * Inputs that a hand-made request (or a buggy client) can send: every one must come back as a
 * field error or a 4xx-type result, never an exception (a 500). Shared by the operation walk
 * (tests/integration/malformed-input.test.ts) and the route walk (tests/e2e/malformed-routes.test.ts).
 */
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const HUGE = 'x'.repeat(100_000);

export const BAD_STRINGS: string[] = [
  HUGE,
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '%',
  '\u0000',
  "'; select pg_sleep(5); --",
  '<script>alert(1)</script>',
  '2026-02-30',
  '2026-13-01',
  '0000-00-01',
  '99999-99-99',
  '1e400',
  '-1',
  '9223372036854775808',
  // Cursors: not base64, base64 of garbage, a good date with a bad id, a date Postgres refuses.
  '!!!',
  b64('garbage'),
  b64('2026-01-01T00:00:00.000Z|not-a-uuid'),
  b64('2026-01-01T00:00:00.000Z|99999999999999999999999'),
  b64('+275760-09-13T00:00:00.000Z|00000000-0000-0000-0000-000000000000'),
  b64('-271821-04-20T00:00:00.000Z|1'),
];

export const BAD_VALUES: unknown[] = [
  ...BAD_STRINGS,
  -1,
  -1e9,
  1e308,
  2 ** 63,
  Infinity,
  NaN,
  0.5,
  ['a'],
  [null],
  [HUGE],
  null,
  {},
  { a: 1 },
  true,
];

export const BAD_RAW: unknown[] = [null, undefined, HUGE, [], 42, true, [{}]];

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  innerType?: z.ZodType;
  schema?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
  options?: z.ZodType[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema behind an operation's input (through pipes, defaults and optionals). */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; s && i < 8; i++) {
    const def = defOf(s);
    if (def.type === 'object') return def.shape ?? {};
    s = def.in ?? def.innerType ?? def.schema;
  }
  return {};
}

/** Enum values and literals anywhere inside a field's schema: candidates for a valid sample. */
function literals(schema: z.ZodType, depth = 0): unknown[] {
  if (depth > 6) return [];
  const def = defOf(schema);
  const own = [...Object.values(def.entries ?? {}), ...(def.values ?? [])];
  const inner = [def.in, def.innerType, def.schema, ...(def.options ?? [])].filter((x): x is z.ZodType => !!x);
  return [...own, ...inner.flatMap((x) => literals(x, depth + 1))];
}

// Loopback only: a field that is an address or URL must never send a test anywhere else.
const CANDIDATES = (): unknown[] => [
  randomUUID(),
  '127.0.0.1',
  'http://127.0.0.1:9/login',
  'Budi Santoso',
  '081234567890',
  'budi@test.jaring.id',
  '2026-01-01',
  '2026-01',
  'abc',
  '1',
  1,
  true,
  [],
  {},
  '',
];

/** A plausible value for each field, so one bad field at a time gets past the others. */
export function sampleInput(schema: z.ZodType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(objectShape(schema))) {
    const found = [...literals(field), ...CANDIDATES()].find((c) => field.safeParse(c).success);
    if (found !== undefined) out[key] = found;
  }
  return out;
}

/** Every malformed variant of an operation's input: whole-input garbage, then each field in turn. */
export function malformedInputs(schema: z.ZodType): { label: string; input: unknown }[] {
  const base = sampleInput(schema);
  const keys = Object.keys(objectShape(schema));
  const cases: { label: string; input: unknown }[] = BAD_RAW.map((input, i) => ({ label: `raw#${i}`, input }));
  for (const [i, value] of BAD_VALUES.entries()) {
    cases.push({ label: `all#${i}`, input: Object.fromEntries(keys.map((k) => [k, value])) });
    for (const key of keys) cases.push({ label: `${key}#${i}`, input: { ...base, [key]: value } });
  }
  return cases;
}
