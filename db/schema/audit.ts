import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiKeys } from './integrations';
import { organizations, users } from './organizations';

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    // A change made through the REST API: the key it was made with (the actor is the key's maker).
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_logs_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('audit_logs_org_action_idx').on(t.organizationId, t.action),
    index('audit_logs_org_entity_idx').on(t.organizationId, t.entityId),
    // The audit filter "changes by this API key", and the set-null when a key is deleted; partial:
    // most rows are made in the app.
    index('audit_logs_api_key_idx').on(t.apiKeyId, t.createdAt).where(sql`${t.apiKeyId} is not null`),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
