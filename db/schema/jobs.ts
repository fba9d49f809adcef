import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { JOB_STATES, PERIODIC_TASKS, TASK_ERRORS } from '../enums';
import { organizations, users } from './organizations';

export { JOB_STATES, type JobState, PERIODIC_TASKS, type PeriodicTask, TASK_ERRORS, type TaskError } from '../enums';

// The app's record of every job it asked the worker to do. graphile-worker executes and
// retries; this table is what the jobs page shows (graphile-worker deletes finished jobs).
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    state: text('state', { enum: JOB_STATES }).notNull().default('queued'),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    // graphile-worker queue: jobs of one queue run one at a time (one queue per router).
    queueName: text('queue_name'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('jobs_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('jobs_org_state_idx').on(t.organizationId, t.state),
  ],
);

export type Job = typeof jobs.$inferSelect;

/**
 * The last outcome of each periodic pass (billing, isolation, messages, …) per organization.
 * Passes run organization by organization; one that fails is recorded here and shown to the
 * organization's admins and the super admin, and the pass goes on with the next.
 */
export const organizationTaskStatus = pgTable(
  'organization_task_status',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    task: text('task', { enum: PERIODIC_TASKS }).notNull(),
    lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
    // A translated code (TASK_ERRORS), not the exception's text: admins read it.
    lastError: text('last_error', { enum: TASK_ERRORS }),
    // Failures in a row; 0 once the pass succeeds again.
    failures: integer('failures').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.task] })],
);

export type OrganizationTaskStatus = typeof organizationTaskStatus.$inferSelect;
