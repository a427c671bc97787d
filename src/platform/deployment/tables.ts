import { boolean, integer, pgTable } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

// What was chosen for the whole Vaka at first-run setup: one row, written then. No row (a Vaka set up
// before this existed) reads as a real deployment.
export const deployment = pgTable('deployment', {
  id: integer('id').primaryKey().default(1),
  // A demonstration Vaka holds fictional staff with a published password; a real one never may.
  demonstration: boolean('demonstration').notNull().default(false),
  createdAt: createdAt(),
});
