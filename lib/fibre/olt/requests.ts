import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { OltTemplate } from '@/db/enums';
import { customers, jobs, olts, onus, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { ScannedOnu } from './check';
import { oltCheck, oltScan, onuOptics, onuReboot, onuRegister, onuRemove } from './jobs';
import { planRegistration, type RegistrationInput } from './register';
import { assertTemplate, defaultTemplate, normalizeCommands } from './templates';

/**
 * What the web app asks of an OLT. It never connects itself: each request is a job in the
 * OLT's queue for the worker, recorded in the same transaction as its audit entry; the page
 * follows the job (progress, result, error).
 */

async function oltOf(db: Db, p: { orgId: string; oltId: string }) {
  const [olt] = await db
    .select({ id: olts.id, vendor: olts.vendor, template: olts.template, name: olts.name })
    .from(olts)
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
  if (!olt) throw new AppError('not_found');
  return olt;
}

async function onuOf(db: Db, p: { orgId: string; onuId: string }) {
  const [onu] = await db
    .select({ id: onus.id, oltId: onus.oltId, serial: onus.serial })
    .from(onus)
    .where(and(eq(onus.id, p.onuId), eq(onus.organizationId, p.orgId)));
  if (!onu) throw new AppError('not_found');
  return onu;
}

async function audited(
  db: Db,
  p: Actor & { action: string; entityType: 'olt' | 'onu'; entityId: string; data: Record<string, unknown> },
) {
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: p.action,
    entityType: p.entityType,
    entityId: p.entityId,
    data: p.data,
  });
}

export async function requestOltCheck(db: Db, p: Actor & { oltId: string }) {
  return db.transaction(async (tx) => {
    await oltOf(tx, p);
    const job = await enqueue(tx, oltCheck, {
      orgId: p.orgId,
      oltId: p.oltId,
      payload: { oltId: p.oltId },
      createdBy: p.actorUserId,
    });
    await audited(tx, {
      ...p,
      action: 'olt.check_requested',
      entityType: 'olt',
      entityId: p.oltId,
      data: { jobId: job.id },
    });
    return { jobId: job.id };
  });
}

export async function requestOltScan(db: Db, p: Actor & { oltId: string }) {
  return db.transaction(async (tx) => {
    await oltOf(tx, p);
    const job = await enqueue(tx, oltScan, {
      orgId: p.orgId,
      oltId: p.oltId,
      payload: { oltId: p.oltId },
      createdBy: p.actorUserId,
    });
    await audited(tx, {
      ...p,
      action: 'olt.scan_requested',
      entityType: 'olt',
      entityId: p.oltId,
      data: { jobId: job.id },
    });
    return { jobId: job.id };
  });
}

/** The exact commands a registration will send, and the ONU id it will take; nothing runs. */
export async function previewRegistration(db: Db, p: { orgId: string } & RegistrationInput) {
  const plan = await planRegistration(db, p);
  if (plan.existing) throw new AppError('onu_serial_taken', { serial: plan.spec.serial });
  return {
    serial: plan.spec.serial,
    onuIndex: plan.spec.onuIndex,
    port: plan.port.name,
    values: plan.spec.values,
    commands: plan.commands,
  };
}

/** Queues a registration after checking it renders (the same checks as the preview). */
export async function requestOnuRegistration(db: Db, p: Actor & RegistrationInput) {
  return db.transaction(async (tx) => {
    const preview = await previewRegistration(tx, p);
    const job = await enqueue(tx, onuRegister, {
      orgId: p.orgId,
      oltId: p.oltId,
      payload: {
        oltId: p.oltId,
        ponPortId: p.ponPortId,
        serial: preview.serial,
        name: p.name ?? null,
        subscriptionId: p.subscriptionId ?? null,
        values: p.values,
        requestedBy: p.actorUserId,
      },
      createdBy: p.actorUserId,
    });
    await audited(tx, {
      ...p,
      action: 'onu.register_requested',
      entityType: 'olt',
      entityId: p.oltId,
      data: { jobId: job.id, serial: preview.serial, port: preview.port, onuIndex: preview.onuIndex },
    });
    return { jobId: job.id, ...preview };
  });
}

type OnuRequest = 'remove' | 'reboot' | 'optics';
const ONU_JOBS = { remove: onuRemove, reboot: onuReboot, optics: onuOptics } as const;
const ONU_ACTIONS = {
  remove: 'onu.remove_requested',
  reboot: 'onu.reboot_requested',
  optics: 'onu.refresh_requested',
} as const;

export async function requestOnuJob(db: Db, p: Actor & { onuId: string; kind: OnuRequest }) {
  return db.transaction(async (tx) => {
    const onu = await onuOf(tx, p);
    const job = await enqueue(tx, ONU_JOBS[p.kind], {
      orgId: p.orgId,
      oltId: onu.oltId,
      payload: { oltId: onu.oltId, onuId: onu.id, requestedBy: p.actorUserId },
      createdBy: p.actorUserId,
    });
    await audited(tx, {
      ...p,
      action: ONU_ACTIONS[p.kind],
      entityType: 'onu',
      entityId: onu.id,
      data: { jobId: job.id, serial: onu.serial },
    });
    return { jobId: job.id };
  });
}

/** The registration template of an OLT (its default when it never had one saved). */
export async function getOltTemplate(db: Db, p: { orgId: string; oltId: string }) {
  const olt = await oltOf(db, p);
  const template = olt.template?.commands ? olt.template : defaultTemplate(olt.vendor);
  return { vendor: olt.vendor, template, defaults: defaultTemplate(olt.vendor) };
}

export async function updateOltTemplate(db: Db, p: Actor & { oltId: string; template: OltTemplate }) {
  const template = { ...p.template, commands: normalizeCommands(p.template.commands) };
  assertTemplate(template);
  return db.transaction(async (tx) => {
    await oltOf(tx, p);
    await tx
      .update(olts)
      .set({ template, updatedAt: sql`now()` })
      .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
    await audited(tx, {
      ...p,
      action: 'olt.template_updated',
      entityType: 'olt',
      entityId: p.oltId,
      data: { lines: template.commands.split('\n').length, values: template.values },
    });
    return { ok: true };
  });
}

const CLI_JOB_TYPES = [oltCheck, oltScan, onuRegister, onuRemove, onuReboot, onuOptics].map((c) => c.name);

/**
 * The OLT's last scan (its result and when it ran; a scan still running is shown as such) and
 * its latest command-line jobs, for the unconfigured list.
 */
export async function unconfiguredOnus(db: Db, p: { orgId: string; oltId: string }) {
  await oltOf(db, p);
  const recent = await db
    .select({
      id: jobs.id,
      type: jobs.type,
      state: jobs.state,
      result: jobs.result,
      error: jobs.error,
      payload: jobs.payload,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(
      and(
        eq(jobs.organizationId, p.orgId),
        inArray(jobs.type, CLI_JOB_TYPES),
        sql`${jobs.payload}->>'oltId' = ${p.oltId}`,
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(20);
  const lastScan = recent.find((j) => j.type === oltScan.name && j.state === 'done') ?? null;
  const running = recent.find(
    (j) => j.type === oltScan.name && (j.state === 'queued' || j.state === 'running' || j.state === 'retrying'),
  );
  const result = (lastScan?.result ?? null) as { scannedAt: string; onus: ScannedOnu[] } | null;
  const registering = recent
    .filter((j) => j.type === onuRegister.name)
    .map((j) => ({
      jobId: j.id,
      state: j.state,
      serial: String((j.payload as { serial?: string }).serial ?? ''),
      error: j.error,
      createdAt: j.createdAt,
    }));
  return {
    scannedAt: result?.scannedAt ?? null,
    onus: result?.onus ?? [],
    scanJobId: running?.id ?? null,
    lastScanError:
      recent.find((j) => j.type === oltScan.name)?.state === 'failed'
        ? recent.find((j) => j.type === oltScan.name)!.error
        : null,
    registering,
  };
}

/**
 * Subscriptions to give a new ONU to, found by customer name, customer number or service
 * username (the register form's customer picker): those without an ONU first.
 */
export async function subscriptionChoices(db: Db, p: { orgId: string; q: string }) {
  const like = `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      subscriptionId: subscriptions.id,
      username: subscriptions.serviceUsername,
      customerName: customers.name,
      customerNumber: customers.number,
      hasOnu: sql<boolean>`exists (select 1 from onus o where o.subscription_id = ${subscriptions.id} and o.organization_id = ${p.orgId})`,
    })
    .from(subscriptions)
    .innerJoin(customers, and(eq(customers.id, subscriptions.customerId), eq(customers.organizationId, p.orgId)))
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        sql`(${customers.name} ilike ${like} or ${subscriptions.serviceUsername} ilike ${like} or ${customers.number}::text = ${p.q})`,
      ),
    )
    .orderBy(customers.name)
    .limit(10);
}
