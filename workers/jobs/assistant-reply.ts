import { answerInboundLine } from '@/lib/assistant/answer';
import { assistantReply } from '@/lib/assistant/jobs';
import { handle } from '@/lib/jobs/runtime';

export const assistantReplyHandler = handle(assistantReply, async (payload, job) => {
  const result = await answerInboundLine(job.db, { orgId: job.orgId, lineId: payload.lineId });
  await job.progress(1, 1);
  return result;
});
