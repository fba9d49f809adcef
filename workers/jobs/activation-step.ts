import { acsAccess } from '@/lib/fibre/acs/access';
import { activationDevices } from '@/lib/fibre/activation/bind';
import { activationOltStep, activationStep } from '@/lib/fibre/activation/jobs';
import { runActivationStep } from '@/lib/fibre/activation/run';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';

/**
 * One step of a zero-touch activation (lib/fibre/activation/run.ts): the OLT steps arrive
 * through the OLT's queue and use the worker's one session to it; the modem step reaches the
 * organization's GenieACS. The step records its own outcome; the job ends done either way.
 */
export const activationStepHandler = handle(activationStep, (payload, job) =>
  runActivationStep(job.db, activationDevices(oltAccess(job.db), acsAccess(job.db)), { ...payload, orgId: job.orgId }),
);

export const activationOltStepHandler = handle(activationOltStep, (payload, job) =>
  runActivationStep(job.db, activationDevices(oltAccess(job.db), acsAccess(job.db)), { ...payload, orgId: job.orgId }),
);
