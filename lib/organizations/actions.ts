'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { createOrganizationOp, setOrganizationStatusOp, updateOrganizationSettingsOp } from './operations';

export async function updateOrganizationSettingsAction(input: unknown) {
  const result = await runAction(updateOrganizationSettingsOp, input);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function createOrganizationAction(input: unknown) {
  const result = await runAction(createOrganizationOp, input);
  if (result.ok) revalidatePath('/admin/organizations');
  return result;
}

export async function setOrganizationStatusAction(input: unknown) {
  const result = await runAction(setOrganizationStatusOp, input);
  if (result.ok) revalidatePath('/admin/organizations');
  return result;
}
