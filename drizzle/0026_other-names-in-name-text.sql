-- name_text holds all of a profile's names, the legal name then its other names (Māori, Urdu ...),
-- as refreshSearchTextsWhere writes it from now on: the duplicate probe and the search's first
-- tier read a profile's names there (decision 0037). Only profiles with other names change, and
-- name_text is no column the counts follow, so this writes no register changes.
UPDATE "organisations" o SET "name_text" = lower(unaccent(concat_ws(' ', o.legal_name,
  (SELECT string_agg(n.name, ' ') FROM organisation_names n WHERE n.organisation_id = o.id))))
WHERE EXISTS (SELECT 1 FROM organisation_names n WHERE n.organisation_id = o.id);
