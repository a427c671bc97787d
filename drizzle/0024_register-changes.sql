CREATE TABLE "register_batches" (
	"batch" uuid PRIMARY KEY NOT NULL,
	"revision" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_changes" (
	"batch" uuid NOT NULL,
	"sign" integer NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"term_codes" text[] NOT NULL,
	"search_text" text NOT NULL,
	"merged_into_id" uuid,
	"visibility" jsonb NOT NULL,
	"last_confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "register_revision" ADD COLUMN "changes_kept_after" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "register_batches_revision_idx" ON "register_batches" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "register_changes_batch_idx" ON "register_changes" USING btree ("batch");--> statement-breakpoint
-- Changes are kept from here on (decision 0033): counts kept before this revision are read afresh.
UPDATE "register_revision" SET "changes_kept_after" = "revision";--> statement-breakpoint
-- The transaction's batch: every change row it writes carries it, and the revision it commits as is
-- written beside it at commit (a number not known before). A random id, so the batches of a restored
-- database never meet those of the one it came from.
CREATE FUNCTION register_batch() RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  batch text := nullif(current_setting('vaka.register_batch', true), '');
BEGIN
  IF batch IS NULL THEN
    batch := gen_random_uuid()::text;
    PERFORM set_config('vaka.register_batch', batch, true);
  END IF;
  RETURN batch::uuid;
END;
$$;--> statement-breakpoint
CREATE FUNCTION register_note_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM inserted) THEN
    RETURN NULL;
  END IF;
  batch := register_batch();
  INSERT INTO register_changes (batch, sign, id, kind, term_codes, search_text, merged_into_id, visibility, last_confirmed_at)
    SELECT batch, 1, n.id, n.kind, n.term_codes, n.search_text, n.merged_into_id, n.visibility, n.last_confirmed_at
    FROM inserted n;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION register_note_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM deleted) THEN
    RETURN NULL;
  END IF;
  batch := register_batch();
  INSERT INTO register_changes (batch, sign, id, kind, term_codes, search_text, merged_into_id, visibility, last_confirmed_at)
    SELECT batch, -1, o.id, o.kind, o.term_codes, o.search_text, o.merged_into_id, o.visibility, o.last_confirmed_at
    FROM deleted o;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- An update notes only the profiles whose counted columns changed: a new contact or a confirmation
-- date alone leaves most counts as they were (the confirmation moves the status, so it is noted).
CREATE FUNCTION register_note_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM updated_to) THEN
    RETURN NULL;
  END IF;
  batch := register_batch();
  WITH changed AS (
    SELECT o.id FROM updated_from o JOIN updated_to n ON n.id = o.id
    WHERE (o.kind, o.term_codes, o.search_text, o.merged_into_id, o.visibility, o.last_confirmed_at)
      IS DISTINCT FROM (n.kind, n.term_codes, n.search_text, n.merged_into_id, n.visibility, n.last_confirmed_at))
  INSERT INTO register_changes (batch, sign, id, kind, term_codes, search_text, merged_into_id, visibility, last_confirmed_at)
    SELECT batch, -1, o.id, o.kind, o.term_codes, o.search_text, o.merged_into_id, o.visibility, o.last_confirmed_at
    FROM updated_from o WHERE o.id IN (SELECT id FROM changed)
    UNION ALL
    SELECT batch, 1, n.id, n.kind, n.term_codes, n.search_text, n.merged_into_id, n.visibility, n.last_confirmed_at
    FROM updated_to n WHERE n.id IN (SELECT id FROM changed);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER organisations_note_inserted AFTER INSERT ON organisations
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION register_note_inserted();--> statement-breakpoint
CREATE TRIGGER organisations_note_deleted AFTER DELETE ON organisations
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION register_note_deleted();--> statement-breakpoint
CREATE TRIGGER organisations_note_updated AFTER UPDATE ON organisations
  REFERENCING OLD TABLE AS updated_from NEW TABLE AS updated_to FOR EACH STATEMENT EXECUTE FUNCTION register_note_updated();--> statement-breakpoint
-- As 0023, and the batch written beside the revision it commits as. Every hundredth revision forgets
-- the changes of all but the last two hundred: memory older than that is read afresh.
CREATE OR REPLACE FUNCTION register_revise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  revised bigint;
  batch uuid := nullif(current_setting('vaka.register_batch', true), '')::uuid;
BEGIN
  IF current_setting('vaka.register_revised', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('vaka.register_revised', 'yes', true);
  INSERT INTO register_revision (id, revision) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET revision = register_revision.revision + 1
    RETURNING revision INTO revised;
  IF batch IS NOT NULL THEN
    INSERT INTO register_batches (batch, revision) VALUES (batch, revised);
  END IF;
  IF revised % 100 = 0 THEN
    DELETE FROM register_changes WHERE register_changes.batch IN
      (SELECT b.batch FROM register_batches b WHERE b.revision <= revised - 200);
    DELETE FROM register_batches WHERE revision <= revised - 200;
    UPDATE register_revision SET changes_kept_after = greatest(changes_kept_after, revised - 200);
  END IF;
  RETURN NULL;
END;
$$;
