import { doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/** ODP: a splitter box on a pole. Used ports are counted from live subscriptions. */
export const odps = pgTable(
  'odps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    totalPorts: integer('total_ports').notNull().default(8),
    area: text('area'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('odps_org_code_uq').on(t.organizationId, t.code), index('odps_org_idx').on(t.organizationId)],
);

export type Odp = typeof odps.$inferSelect;
