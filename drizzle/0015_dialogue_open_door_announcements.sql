CREATE TABLE "announcement_organisations" (
	"announcement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "announcement_organisations_announcement_id_organisation_id_pk" PRIMARY KEY("announcement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"audience" jsonb NOT NULL,
	"organisation_count" integer NOT NULL,
	"email_count" integer DEFAULT 0 NOT NULL,
	"job_id" text,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"to_whom" text NOT NULL,
	"recipient_count" integer,
	"disclosed_on" date NOT NULL,
	"entity" text,
	"entity_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"policy_id" uuid,
	"focus_area" text,
	"name" text NOT NULL,
	"unit_id" uuid,
	"email" text,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcement_organisations" ADD CONSTRAINT "announcement_organisations_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_contacts" ADD CONSTRAINT "published_contacts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_contacts" ADD CONSTRAINT "published_contacts_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_contacts" ADD CONSTRAINT "published_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcement_organisations_organisation_idx" ON "announcement_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "announcements_agency_sent_idx" ON "announcements" USING btree ("agency_id","sent_at");--> statement-breakpoint
CREATE INDEX "disclosures_agency_day_idx" ON "disclosures" USING btree ("agency_id","disclosed_on","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "published_contacts_policy_idx" ON "published_contacts" USING btree ("policy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "published_contacts_focus_area_idx" ON "published_contacts" USING btree ("agency_id","focus_area");