'use server';
import type { z } from 'zod';
import {
  assignWorkOrderOp,
  cancelWorkOrderOp,
  createWorkOrderFromTicketOp,
  createWorkOrderOp,
  resetChecklistTemplateOp,
  saveChecklistTemplateOp,
  scheduleWorkOrderOp,
} from '@/lib/workorders/operations';
import { act, type Page } from './act';

/** The list and every work order's page show what these change. */
const PAGES: Page[] = [{ layout: '/work-orders' }];

export async function createWorkOrderAction(input: z.input<typeof createWorkOrderOp.input>) {
  return act(createWorkOrderOp, input, { revalidate: PAGES });
}

export async function createWorkOrderFromTicketAction(input: z.input<typeof createWorkOrderFromTicketOp.input>) {
  return act(createWorkOrderFromTicketOp, input, { revalidate: PAGES });
}

export async function scheduleWorkOrderAction(input: z.input<typeof scheduleWorkOrderOp.input>) {
  return act(scheduleWorkOrderOp, input, { revalidate: PAGES });
}

export async function assignWorkOrderAction(input: z.input<typeof assignWorkOrderOp.input>) {
  return act(assignWorkOrderOp, input, { revalidate: PAGES });
}

export async function cancelWorkOrderAction(input: z.input<typeof cancelWorkOrderOp.input>) {
  return act(cancelWorkOrderOp, input, { revalidate: PAGES });
}

export async function saveChecklistTemplateAction(input: z.input<typeof saveChecklistTemplateOp.input>) {
  return act(saveChecklistTemplateOp, input, { revalidate: ['/settings/work-orders', '/settings'] });
}

export async function resetChecklistTemplateAction(input: z.input<typeof resetChecklistTemplateOp.input>) {
  return act(resetChecklistTemplateOp, input, { revalidate: ['/settings/work-orders', '/settings'] });
}
