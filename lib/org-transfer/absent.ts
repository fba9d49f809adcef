import { randomBytes } from 'node:crypto';
import { newSigningSecret } from '@/lib/webhooks/secret';

/** A row as row_to_json gives it: column names as in the database. */
type Row = Record<string, unknown>;

export type AbsentTools = {
  /** Encrypts with the target install's key (lib/crypto.ts). */
  seal: (plain: string) => string;
  /** The import's time, ISO. */
  now: string;
  /** The table's NOT NULL secret columns, which the export left out. */
  missing: readonly string[];
};

/**
 * What an import writes where a secret stayed behind (no passphrase): the row must still be
 * valid, and nothing may work with a value the admin did not choose.
 */
export type Absent = (row: Row, t: AbsentTools) => void;

/** A random value nobody knows, for a password the admin types again. */
export const randomSecret = () => randomBytes(18).toString('base64url');

/**
 * Router, OLT and service passwords: a random one nobody knows. Routers and OLTs then refuse
 * the worker until the admin types the real password; customers' service passwords must be
 * set again before a router is synced (the doc says so: use a passphrase to move a live ISP).
 */
export const ABSENT_PLACEHOLDER: Absent = (row, t) => {
  for (const column of t.missing) row[column] = t.seal(randomSecret());
};

/** A gateway account without its keys: switched off, nothing shown as if it were stored. */
export const ABSENT_GATEWAY: Absent = (row, t) => {
  row.credentials_enc = t.seal('{}');
  row.credential_hints = {};
  row.enabled = false;
};

/** A WhatsApp API session without its keys: the hints of keys that are not there go too. */
export const ABSENT_SESSION_CONFIG: Absent = (row) => {
  row.config_hints = {};
};

/** An API key without its hash can never be used again: revoked, with a hash of nothing. */
export const ABSENT_REVOKED_KEY: Absent = (row, t) => {
  row.secret_hash = randomBytes(32).toString('hex');
  row.revoked_at ??= t.now;
};

/** A webhook endpoint gets a new signing secret, switched off until the receiver has it. */
export const ABSENT_WEBHOOK: Absent = (row, t) => {
  row.secret = t.seal(newSigningSecret());
  row.enabled = false;
  row.disabled_at ??= t.now;
};
