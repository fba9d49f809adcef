import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  memberships,
  messages,
  organizations,
  type PasswordReset,
  passwordResets,
  users,
  whatsappSessions,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { encryptSecret, maskSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { AppError } from '@/lib/server/errors';
import { hashPassword } from '@/lib/users/password';
import { recordUserAudit } from './audit';
import { loadManagedMember } from './managed';
import { bumpSessionVersion } from './password';

export const RESET_MINUTES = 30;
// Codes by WhatsApp: a few requests per address and per visitor, and five guesses at a
// six-digit code per address, in each sign-in window (LOGIN_WINDOW_MINUTES, the window the
// sign-in limits prune by): at most ten guesses in a code's 30 minutes.
const CODE_REQUESTS_PER_EMAIL = 3;
const CODE_REQUESTS_PER_IP = 10;
const CODE_GUESSES_PER_EMAIL = 5;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const expiry = () => new Date(Date.now() + RESET_MINUTES * 60_000);

/** An admin's one-time link for a member who forgot their password (lib/account/managed says whose). */
export async function issueResetLink(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; membershipId: string },
) {
  return db.transaction(async (tx) => {
    const member = await loadManagedMember(tx, p);
    const token = randomBytes(24).toString('base64url');
    const [reset] = await tx
      .insert(passwordResets)
      .values({
        userId: member.userId,
        organizationId: p.orgId,
        kind: 'link',
        tokenHash: sha256(token),
        createdBy: p.actorUserId,
        expiresAt: expiry(),
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'user.password_reset_issued',
      entityType: 'user',
      entityId: member.userId,
      ip: p.ip,
      data: { email: member.email },
    });
    return { token, email: member.email, expiresAt: reset!.expiresAt };
  });
}

/** The reset page: whose link this is, while it is unused and under 30 minutes old. */
export async function findOpenResetLink(db: Db, p: { token: string; now?: Date }) {
  const [row] = await db
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(p.token)),
        eq(passwordResets.kind, 'link'),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, p.now ?? new Date()),
      ),
    );
  return row ?? null;
}

/** Sets the password, uses up every open reset of the user and signs out all their sessions. */
async function completeReset(db: Db, reset: PasswordReset, p: { password: string; ip: string | null }) {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(p.password), ...bumpSessionVersion() })
    .where(eq(users.id, reset.userId));
  await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
  await recordUserAudit(db, {
    userId: reset.userId,
    actorUserId: reset.userId,
    action: 'user.password_reset',
    ip: p.ip,
    data: { by: reset.kind },
    orgId: reset.organizationId,
  });
}

export async function resetWithToken(db: Db, p: { token: string; password: string; ip: string | null; now?: Date }) {
  return db.transaction(async (tx) => {
    const [reset] = await tx
      .select({ reset: passwordResets })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(p.token)),
          eq(passwordResets.kind, 'link'),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, p.now ?? new Date()),
          eq(users.active, true),
        ),
      )
      .for('update', { of: passwordResets });
    if (!reset) throw new AppError('reset_invalid');
    await completeReset(tx, reset.reset, p);
  });
}

/**
 * "Forgot password": a six-digit code to the member's own WhatsApp number, sent through the
 * first of their organizations with a WhatsApp session. The visitor gets the same answer
 * whether or not the address has an account, a number or a session.
 */
export async function requestResetCode(db: Db, p: { email: string; ip: string | null; locale: Locale }) {
  const email = p.email.trim().toLowerCase();
  const windowMinutes = env().LOGIN_WINDOW_MINUTES;
  const ipOk = p.ip
    ? await consumeAttempt(db, `reset-request-ip:${limitKey(p.ip)}`, CODE_REQUESTS_PER_IP, windowMinutes)
    : true;
  const emailOk = await consumeAttempt(db, `reset-request:${email}`, CODE_REQUESTS_PER_EMAIL, windowMinutes);
  if (!ipOk || !emailOk) throw new AppError('too_many_attempts');
  const [target] = await db
    .select({ userId: users.id, phone: users.phone, orgId: organizations.id, orgName: organizations.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.active, true)))
    .innerJoin(organizations, and(eq(organizations.id, memberships.organizationId), eq(organizations.status, 'active')))
    .innerJoin(
      whatsappSessions,
      and(eq(whatsappSessions.organizationId, organizations.id), eq(whatsappSessions.enabled, true)),
    )
    .where(and(eq(users.email, email), eq(users.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!target?.phone) return;
  await db.transaction(async (tx) => {
    // Only the newest code works.
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.userId, target.userId),
          eq(passwordResets.kind, 'whatsapp'),
          isNull(passwordResets.usedAt),
        ),
      );
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await tx.insert(passwordResets).values({
      id,
      userId: target.userId,
      organizationId: target.orgId,
      kind: 'whatsapp',
      tokenHash: sha256(`${id}:${code}`),
      expiresAt: expiry(),
    });
    const text = (shown: string) =>
      translate(p.locale, 'account.resetCodeMessage', { code: shown, org: target.orgName, minutes: RESET_MINUTES });
    // The message log shows the code masked; the text sent is kept encrypted (like service passwords).
    await tx.insert(messages).values({
      organizationId: target.orgId,
      toPhone: target.phone!,
      category: 'support',
      eventKey: `password_reset:${id}`,
      body: text('••••••'),
      bodyEnc: encryptSecret(text(code)),
      status: 'queued',
    });
    await recordUserAudit(tx, {
      userId: target.userId,
      actorUserId: null,
      action: 'user.password_reset_code_sent',
      ip: p.ip,
      data: { phone: maskSecret(target.phone) },
      orgId: target.orgId,
    });
  });
}

export async function resetWithCode(
  db: Db,
  p: { email: string; code: string; password: string; ip: string | null; now?: Date },
) {
  const email = p.email.trim().toLowerCase();
  if (!(await consumeAttempt(db, `reset-code:${email}`, CODE_GUESSES_PER_EMAIL, env().LOGIN_WINDOW_MINUTES)))
    throw new AppError('too_many_attempts');
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ reset: passwordResets })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(
        and(
          eq(users.email, email),
          eq(users.active, true),
          eq(passwordResets.kind, 'whatsapp'),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, p.now ?? new Date()),
        ),
      )
      .for('update', { of: passwordResets });
    const match = open.find((r) => r.reset.tokenHash === sha256(`${r.reset.id}:${p.code.trim()}`));
    if (!match) throw new AppError('reset_code_invalid', {}, { code: 'validation.resetCodeWrong' });
    await completeReset(tx, match.reset, p);
  });
}
