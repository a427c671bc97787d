-- The platform's table cannot name the register's in its Drizzle schema (the platform knows no
-- module), so the database holds the link: a CSO user belongs to an organisation that exists.
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id");
