import { type Ctx, defineOperation } from '@/lib/server/operation';
import { changePassword, getAccount, signOutEverywhere, updateProfile } from './password';
import { listPlatformUsers, setUserActive } from './platform';
import { issueResetLink } from './resets';
import {
  changePasswordSchema,
  codeSchema,
  disableTwoFactorSchema,
  emptySchema,
  issueResetSchema,
  platformUsersSchema,
  profileSchema,
  setUserActiveSchema,
} from './schemas';
import { confirmTwoFactor, disableTwoFactor, resetMemberTwoFactor, startTwoFactor } from './two-factor';

// `account.*`: a member's own account, whatever their role (also while an organization that
// requires two-factor sign-in waits for them to set it up). Kept in alphabetical order.
const self = (ctx: Ctx) => ({ userId: ctx.userId, ip: ctx.ip });

export const changePasswordOp = defineOperation({
  name: 'account.changePassword',
  permission: 'dashboard.view',
  input: changePasswordSchema,
  run: (ctx, input) => changePassword(ctx.db, { ...self(ctx), ...input }),
});

export const confirmTwoFactorOp = defineOperation({
  name: 'account.confirmTwoFactor',
  permission: 'dashboard.view',
  input: codeSchema,
  run: (ctx, input) => confirmTwoFactor(ctx.db, { ...self(ctx), ...input }),
});

export const disableTwoFactorOp = defineOperation({
  name: 'account.disableTwoFactor',
  permission: 'dashboard.view',
  input: disableTwoFactorSchema,
  run: (ctx, input) => disableTwoFactor(ctx.db, { ...self(ctx), ...input }),
});

export const getAccountOp = defineOperation({
  name: 'account.get',
  permission: 'dashboard.view',
  input: emptySchema,
  run: (ctx) => getAccount(ctx.db, { userId: ctx.userId }),
});

/** An admin's one-time password reset link for a member (shown once, 30 minutes). */
export const issueResetLinkOp = defineOperation({
  name: 'users.issueResetLink',
  permission: 'users.manage',
  input: issueResetSchema,
  run: (ctx, input) => issueResetLink(ctx.db, { ...ctx.actor, ...input }),
});

// Platform operations: super admins act on accounts across organizations by design.
export const listPlatformUsersOp = defineOperation({
  name: 'platform.listUsers',
  permission: 'platform.organizations',
  input: platformUsersSchema,
  run: (ctx, input) => listPlatformUsers(ctx.db, input),
});

/** For a member who lost both phone and recovery codes (same limits as the reset link). */
export const resetMemberTwoFactorOp = defineOperation({
  name: 'users.resetTwoFactor',
  permission: 'users.manage',
  input: issueResetSchema,
  run: (ctx, input) => resetMemberTwoFactor(ctx.db, { ...ctx.actor, ...input }),
});

export const setUserActiveOp = defineOperation({
  name: 'platform.setUserActive',
  permission: 'platform.organizations',
  input: setUserActiveSchema,
  run: (ctx, input) => setUserActive(ctx.db, { ...ctx.actor, ...input }),
});

export const signOutEverywhereOp = defineOperation({
  name: 'account.signOutEverywhere',
  permission: 'dashboard.view',
  input: emptySchema,
  run: (ctx) => signOutEverywhere(ctx.db, self(ctx)),
});

export const startTwoFactorOp = defineOperation({
  name: 'account.startTwoFactor',
  permission: 'dashboard.view',
  input: emptySchema,
  run: (ctx) => startTwoFactor(ctx.db, self(ctx)),
});

export const updateProfileOp = defineOperation({
  name: 'account.updateProfile',
  permission: 'dashboard.view',
  input: profileSchema,
  run: (ctx, input) => updateProfile(ctx.db, { ...self(ctx), phone: input.phone || null }),
});
