import { oltPoll } from '@/lib/fibre/snmp/jobs';
import { pollOlt } from '@/lib/fibre/snmp/poll';
import { snmpPoller } from '@/lib/fibre/snmp/poller';
import { handle } from '@/lib/jobs/runtime';

// One organization's due polls arrive as one batch: its OLTs are walked side by side.
export const oltPollHandler = handle(
  oltPoll,
  (payload, job) => pollOlt(job.db, snmpPoller(job.db), { orgId: job.orgId, oltId: payload.oltId }),
  { batchConcurrency: 4 },
);
