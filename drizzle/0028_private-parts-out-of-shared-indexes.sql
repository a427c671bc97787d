-- Issue 18 item 4: what every agency's search reads holds no private values. A private mission
-- leaves search_text (and its words the typo words, unless another profile uses them), private
-- places leave place_ids, as refreshSearchTextsWhere writes them from now on (decision 0047).
CREATE TEMPORARY TABLE "private_mission_words" AS
  SELECT DISTINCT w AS word FROM "organisations" o,
    regexp_split_to_table(lower(unaccent(coalesce(o.mission, ''))), '[[:space:][:punct:]]+') w
  WHERE o.visibility->>'overview' = 'private' AND length(w) BETWEEN 3 AND 60;
--> statement-breakpoint
UPDATE "organisations" o SET "search_text" = lower(unaccent(concat_ws(' ', variadic array[
    o.legal_name, o.acronym, NULL,
    (SELECT string_agg(n.name, ' ') FROM organisation_names n WHERE n.organisation_id = o.id),
    (SELECT string_agg(i.value, ' ') FROM organisation_identifiers i WHERE i.organisation_id = o.id)])))
WHERE o.visibility->>'overview' = 'private' AND o.merged_into_id IS NULL;
--> statement-breakpoint
DELETE FROM "search_words" s WHERE s.word IN (SELECT word FROM "private_mission_words")
  AND NOT EXISTS (SELECT 1 FROM "organisations" o WHERE o.search_text LIKE '%' || s.word || '%');
--> statement-breakpoint
UPDATE "organisations" SET "place_ids" = '{}' WHERE visibility->>'places' = 'private' AND place_ids <> '{}';
--> statement-breakpoint
DROP TABLE "private_mission_words";
