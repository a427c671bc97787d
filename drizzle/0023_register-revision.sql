CREATE TABLE "register_revision" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"revision" bigint NOT NULL
);
--> statement-breakpoint
-- Raises the register's revision once per transaction, as it commits (decision 0032). Deferred, so
-- the row lock it takes is held only for the commit itself: two imports do not wait for each other.
-- The flag is local to the transaction, so the many rows of an import raise it once.
CREATE FUNCTION register_revise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('vaka.register_revised', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('vaka.register_revised', 'yes', true);
  INSERT INTO register_revision (id, revision) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET revision = register_revision.revision + 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organisations_revise_register AFTER INSERT OR UPDATE OR DELETE ON organisations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_revise();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organisation_terms_revise_register AFTER INSERT OR UPDATE OR DELETE ON organisation_terms
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_revise();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organisation_places_revise_register AFTER INSERT OR UPDATE OR DELETE ON organisation_places
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_revise();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER affiliations_revise_register AFTER INSERT OR UPDATE OR DELETE ON affiliations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_revise();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER places_revise_register AFTER INSERT OR UPDATE OR DELETE ON places
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_revise();
