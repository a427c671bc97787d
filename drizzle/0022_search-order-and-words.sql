CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "name_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Profiles registered before this migration: the name and the words as refreshSearchTexts writes them, before the indexes are built.
UPDATE "organisations" SET "name_text" = lower(unaccent("legal_name"));--> statement-breakpoint
INSERT INTO "search_words" ("word") SELECT DISTINCT w FROM "organisations" o, regexp_split_to_table(o.search_text, '[[:space:][:punct:]]+') w WHERE length(w) BETWEEN 3 AND 60 ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisations_name_trgm_idx" ON "organisations" USING gin ("name_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisations_search_order_idx" ON "organisations" USING btree (left("search_text", 40),"id") WHERE "organisations"."merged_into_id" is null;
