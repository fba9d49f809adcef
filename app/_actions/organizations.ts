'use server';
import type { z } from 'zod';
import {
  createOrganizationOp,
  dismissSetupOp,
  removeOrganizationLogoOp,
  setOrganizationStatusOp,
  updateOrganizationSettingsOp,
  uploadOrganizationLogoOp,
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

/** The logo shows in the header of every page. */
export async function uploadOrganizationLogoAction(input: z.input<typeof uploadOrganizationLogoOp.input>) {
  return act(uploadOrganizationLogoOp, input, { revalidate: [{ layout: '/' }] });
}

export async function removeOrganizationLogoAction(input: z.input<typeof removeOrganizationLogoOp.input>) {
  return act(removeOrganizationLogoOp, input, { revalidate: [{ layout: '/' }] });
}

/** Hides (or brings back) the first-run checklist on the dashboard. */
export async function dismissSetupAction(input: z.input<typeof dismissSetupOp.input>) {
  return act(dismissSetupOp, input, { revalidate: ['/', '/settings'] });
}
