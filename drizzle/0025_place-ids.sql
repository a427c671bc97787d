ALTER TABLE "organisations" ADD COLUMN "place_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "register_changes" ADD COLUMN "place_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- Every profile's places, as refreshSearchTextsWhere keeps them from now on. The note triggers of
-- 0024 do not compare place_ids yet, so this writes no changes (only the revision moves, once).
UPDATE "organisations" o SET "place_ids" = coalesce(
  (SELECT array_agg(op.place_id ORDER BY op.place_id) FROM organisation_places op WHERE op.organisation_id = o.id),
  '{}');--> statement-breakpoint
-- As 0024, with the places: a change to a profile's places is a change the dashboard counts follow.
CREATE OR REPLACE FUNCTION register_note_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM inserted) THEN
    RETURN NULL;
  END IF;
  batch := register_batch();
  INSERT INTO register_changes (batch, sign, id, kind, term_codes, place_ids, search_text, merged_into_id, visibility, last_confirmed_at)
    SELECT batch, 1, n.id, n.kind, n.term_codes, n.place_ids, n.search_text, n.merged_into_id, n.visibility, n.last_confirmed_at
    FROM inserted n;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION register_note_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM deleted) THEN
    RETURN NULL;
  END IF;
  batch := register_batch();
  INSERT INTO register_changes (batch, sign, id, kind, term_codes, place_ids, search_text, merged_into_id, visibility, last_confirmed_at)
    SELECT batch, -1, o.id, o.kind, o.term_codes, o.place_ids, o.search_text, o.merged_into_id, o.visibility, o.last_confirmed_at
    FROM deleted o;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION register_note_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM updated_to) THEN
    RETURN NULL;
  END IF;
  batch := register_batch();
  WITH changed AS (
    SELECT o.id FROM updated_from o JOIN updated_to n ON n.id = o.id
    WHERE (o.kind, o.term_codes, o.place_ids, o.search_text, o.merged_into_id, o.visibility, o.last_confirmed_at)
      IS DISTINCT FROM (n.kind, n.term_codes, n.place_ids, n.search_text, n.merged_into_id, n.visibility, n.last_confirmed_at))
  INSERT INTO register_changes (batch, sign, id, kind, term_codes, place_ids, search_text, merged_into_id, visibility, last_confirmed_at)
    SELECT batch, -1, o.id, o.kind, o.term_codes, o.place_ids, o.search_text, o.merged_into_id, o.visibility, o.last_confirmed_at
    FROM updated_from o WHERE o.id IN (SELECT id FROM changed)
    UNION ALL
    SELECT batch, 1, n.id, n.kind, n.term_codes, n.place_ids, n.search_text, n.merged_into_id, n.visibility, n.last_confirmed_at
    FROM updated_to n WHERE n.id IN (SELECT id FROM changed);
  RETURN NULL;
END;
$$;
