import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

// Column shapes every table shares, so a record always has the same id, timestamps and version.
export const id = () => uuid('id').primaryKey().defaultRandom();
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => at('created_at').notNull().defaultNow();
export const updatedAt = () => at('updated_at').notNull().defaultNow();
// Optimistic concurrency (ARCHITECTURE.md "Server"): every editable record carries a version.
export const version = () => integer('version').notNull().default(1);
