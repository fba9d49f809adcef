import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * Answers one inbound WhatsApp line (lib/assistant/answer.ts). The line is stored before the
 * job is queued, in one transaction: a failing answer is retried, never lost.
 */
export const assistantReply = defineJob({
  name: 'assistant-reply',
  payload: z.object({ lineId: z.string().uuid() }),
  maxAttempts: 3,
});
