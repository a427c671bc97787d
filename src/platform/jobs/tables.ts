import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from '../db/columns.ts';

// pg-boss keeps the queue; this table keeps what a person watching a long job needs to see.
export const jobProgress = pgTable(
  'job_progress',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    agencyId: uuid('agency_id'),
    userId: uuid('user_id'),
    state: text('state').notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    message: text('message'),
    result: jsonb('result'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('job_progress_agency_idx').on(t.agencyId, t.createdAt)],
);
