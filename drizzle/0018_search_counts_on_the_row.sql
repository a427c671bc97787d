DROP INDEX "organisations_confirmed_idx";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "term_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "organisations_live_confirmed_idx" ON "organisations" USING btree ("last_confirmed_at","kind","id") WHERE "organisations"."merged_into_id" is null;--> statement-breakpoint
-- Profiles registered before this migration: their term codes from the terms table, as refreshSearchText writes them.
UPDATE "organisations" o SET "term_codes" = array(SELECT t.taxonomy || ':' || t.code FROM "organisation_terms" t WHERE t.organisation_id = o.id ORDER BY t.taxonomy, t.code);
