CREATE TABLE "organisation_verifications" (
	"organisation_id" uuid NOT NULL,
	"field" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"verified_by" uuid NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organisation_verifications_organisation_id_field_pk" PRIMARY KEY("organisation_id","field")
);
--> statement-breakpoint
CREATE TABLE "private_access" (
	"organisation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "private_access_organisation_id_agency_id_pk" PRIMARY KEY("organisation_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "profile_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"field" text NOT NULL,
	"current_value" jsonb,
	"proposed_value" jsonb,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"agency_id" uuid
);
--> statement-breakpoint
ALTER TABLE "one_time_links" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "organisation_verifications" ADD CONSTRAINT "organisation_verifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_access" ADD CONSTRAINT "private_access_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_changes" ADD CONSTRAINT "profile_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_changes_status_idx" ON "profile_changes" USING btree ("status","proposed_at");--> statement-breakpoint
CREATE INDEX "profile_changes_organisation_idx" ON "profile_changes" USING btree ("organisation_id");