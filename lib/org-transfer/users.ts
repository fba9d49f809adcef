import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { passwordResets, users } from '@/db/schema';
import { hashPassword } from '@/lib/users/password';
import type { PlannedTable } from './graph';
import type { Row } from './plan';
import { type Scope, scopeOf } from './rows';
import { openWith, sealWith } from './secrets';

/** How long the reset link of a user the import created stays good (like an invitation). */
export const IMPORT_LINK_DAYS = 7;

/**
 * The users an organization's rows name: its members, and anyone a user column of an exported
 * row points at (a former member who still authored a ticket, a reseller, a super admin in
 * the audit log). Users are platform-wide: only these go, and only what makes the person.
 */
export function exportedUserIds(tables: PlannedTable[], p: Scope, withPassphrase: boolean): SQL {
  const named = tables
    .filter((t) => !t.passphraseOnly || withPassphrase)
    .flatMap((t) =>
      t.users.map(
        (column) =>
          sql`select t.${sql.identifier(column)} from ${sql.identifier(t.name)} t where ${scopeOf(t, p)} and t.${sql.identifier(column)} is not null`,
      ),
    );
  return sql.join(named, sql` union `);
}

/**
 * The columns of a user that travel; the password, authenticator and recovery codes only
 * sealed. `member`: their membership here (active or not), or null for someone a row only
 * names (a super admin in the audit log).
 */
export function sealUser(
  row: Row,
  member: 'active' | 'inactive' | null,
  key: Buffer | null,
  decrypt: (stored: string) => string,
  leftOut: (field: string) => void = () => {},
): Row {
  const out: Row = {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    active: row.active,
    member,
    created_at: row.created_at,
  };
  if (!key) return out;
  let totp: string | null = null;
  if (row.totp_secret_enc) {
    try {
      totp = decrypt(String(row.totp_secret_enc));
    } catch {
      // An authenticator secret this install cannot decrypt: the password alone must not sign in
      // there (two-step sign-in silently off), so the account travels as without a passphrase,
      // with no password or recovery codes, and the import hands out a link to choose a password.
      leftOut('totp_secret_enc');
      return out;
    }
  }
  out.password_hash = sealWith(key, String(row.password_hash));
  if (totp !== null) {
    out.totp_secret_enc = sealWith(key, totp);
    out.totp_enabled_at = row.totp_enabled_at;
    out.totp_last_step = row.totp_last_step;
  }
  out.recovery_code_hashes = sealWith(key, JSON.stringify(row.recovery_code_hashes ?? []));
  return out;
}

export type ImportedUsers = {
  /** Source user id → the target's user id. */
  map: Map<string, string>;
  linked: string[];
  created: { id: string; email: string; needsPassword: boolean }[];
};

/**
 * Each exported user on this install: the account with the same email (kept as it is: its
 * password and authenticator are its own), or a new one with the exported sign-in when the
 * passphrase carried it, else with a password nobody knows (and a reset link, see below).
 * Someone the rows only name, without a membership, comes as a disabled account: their
 * name stays on the history, and nobody signs in as them.
 */
export async function importUsers(
  db: Db,
  rows: Row[],
  p: { key: Buffer | null; seal: (plain: string) => string },
): Promise<ImportedUsers> {
  const result: ImportedUsers = { map: new Map(), linked: [], created: [] };
  let unusable: string | undefined;
  for (const row of rows) {
    const email = String(row.email).toLowerCase();
    const [existing] = await db.execute<{ id: string }>(sql`select id from users where email = ${email}`);
    if (existing) {
      result.map.set(String(row.id), existing.id);
      result.linked.push(email);
      continue;
    }
    const [taken] = await db.execute(sql`select 1 from users where id = ${String(row.id)}::uuid`);
    const id = taken ? randomUUID() : String(row.id);
    const carried = Boolean(p.key && row.password_hash);
    unusable ??= carried ? undefined : await hashPassword(randomBytes(32).toString('base64url'));
    const totp = p.key && row.totp_secret_enc ? p.seal(openWith(p.key, String(row.totp_secret_enc))) : null;
    await db.insert(users).values({
      id,
      email,
      name: String(row.name),
      phone: (row.phone as string | null) ?? null,
      passwordHash: carried ? openWith(p.key!, String(row.password_hash)) : unusable!,
      active: row.active !== false && row.member !== null,
      totpSecretEnc: totp,
      totpEnabledAt: totp && row.totp_enabled_at ? new Date(String(row.totp_enabled_at)) : null,
      totpLastStep: totp ? ((row.totp_last_step as number | null) ?? null) : null,
      recoveryCodeHashes:
        p.key && row.recovery_code_hashes ? JSON.parse(openWith(p.key, String(row.recovery_code_hashes))) : [],
      createdAt: row.created_at ? new Date(String(row.created_at)) : undefined,
    });
    result.map.set(String(row.id), id);
    result.created.push({ id, email, needsPassword: !carried && row.member === 'active' });
  }
  return result;
}

/**
 * A one-time link to choose a password, for each user the import created without one. It
 * lives as long as an invitation (the usual reset link lives 30 minutes: these are handed out).
 */
export async function issueImportLinks(
  db: Db,
  p: { orgId: string; actorUserId: string | null; appUrl: string; created: ImportedUsers['created'] },
) {
  const links: { email: string; url: string }[] = [];
  for (const user of p.created.filter((u) => u.needsPassword)) {
    const token = randomBytes(24).toString('base64url');
    await db.insert(passwordResets).values({
      userId: user.id,
      organizationId: p.orgId,
      kind: 'link',
      tokenHash: createHash('sha256').update(token).digest('hex'),
      createdBy: p.actorUserId,
      expiresAt: new Date(Date.now() + IMPORT_LINK_DAYS * 86_400_000),
    });
    links.push({ email: user.email, url: `${p.appUrl.replace(/\/$/, '')}/reset/${token}` });
  }
  return links;
}
