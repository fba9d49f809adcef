'use server';
import type { z } from 'zod';
import { changeRoleOp, inviteUserOp, revokeInvitationOp, setMemberActiveOp } from '@/lib/users/operations';
import { act } from './act';

export async function inviteUserAction(input: z.input<typeof inviteUserOp.input>) {
  return act(inviteUserOp, input, { revalidate: ['/users'] });
}

export async function revokeInvitationAction(input: z.input<typeof revokeInvitationOp.input>) {
  return act(revokeInvitationOp, input, { revalidate: ['/users'] });
}

export async function changeRoleAction(input: z.input<typeof changeRoleOp.input>) {
  return act(changeRoleOp, input, { revalidate: ['/users'] });
}

export async function setMemberActiveAction(input: z.input<typeof setMemberActiveOp.input>) {
  return act(setMemberActiveOp, input, { revalidate: ['/users'] });
}
