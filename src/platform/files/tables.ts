import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns.ts';

export const storedFiles = pgTable(
  'stored_files',
  {
    id: id(),
    agencyId: uuid('agency_id'),
    ownerEntity: text('owner_entity'),
    ownerId: text('owner_id'),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('stored_files_owner_idx').on(t.ownerEntity, t.ownerId)],
);
