'use server';
import type { z } from 'zod';
import {
  createOrganizationOp,
  setOrganizationStatusOp,
  updateOrganizationSettingsOp,
} from '@/lib/organizations/operations';
import { act } from './act';

/** The organization's name and settings show on every page. */
export async function updateOrganizationSettingsAction(input: z.input<typeof updateOrganizationSettingsOp.input>) {
  return act(updateOrganizationSettingsOp, input, { revalidate: [{ layout: '/' }] });
}

export async function createOrganizationAction(input: z.input<typeof createOrganizationOp.input>) {
  return act(createOrganizationOp, input, { revalidate: ['/admin/organizations'] });
}

export async function setOrganizationStatusAction(input: z.input<typeof setOrganizationStatusOp.input>) {
  return act(setOrganizationStatusOp, input, { revalidate: ['/admin/organizations'] });
}
