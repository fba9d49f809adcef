import { defineOperation } from '@/lib/server/operation';
import { inviteUser, revokeInvitation } from './invitations';
import { changeMemberRole, setMemberActive } from './mutations';
import { listMembers, listPendingInvitations } from './queries';
import { changeRoleSchema, invitationIdSchema, inviteSchema, listSchema, setMemberActiveSchema } from './schemas';

export const listMembersOp = defineOperation({
  name: 'users.list',
  permission: 'users.view',
  input: listSchema,
  run: async (ctx, input) => ({
    members: await listMembers(ctx.db, { orgId: ctx.orgId, ...input }),
    invitations: await listPendingInvitations(ctx.db, { orgId: ctx.orgId }),
  }),
});

export const inviteUserOp = defineOperation({
  name: 'users.invite',
  permission: 'users.manage',
  input: inviteSchema,
  run: (ctx, input) => inviteUser(ctx.db, { ...ctx.actor, ...input }),
});

export const revokeInvitationOp = defineOperation({
  name: 'users.revokeInvitation',
  permission: 'users.manage',
  input: invitationIdSchema,
  run: (ctx, input) => revokeInvitation(ctx.db, { ...ctx.actor, ...input }),
});

export const changeRoleOp = defineOperation({
  name: 'users.changeRole',
  permission: 'users.manage',
  input: changeRoleSchema,
  run: (ctx, input) => changeMemberRole(ctx.db, { ...ctx.actor, ...input }),
});

export const setMemberActiveOp = defineOperation({
  name: 'users.setActive',
  permission: 'users.manage',
  input: setMemberActiveSchema,
  run: (ctx, input) => setMemberActive(ctx.db, { ...ctx.actor, ...input }),
});
