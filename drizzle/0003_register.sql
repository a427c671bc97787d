CREATE TABLE "affiliations" (
	"member_id" uuid NOT NULL,
	"umbrella_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "affiliations_member_id_umbrella_id_pk" PRIMARY KEY("member_id","umbrella_id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"email" text,
	"phone" text,
	"language" text,
	"consent_to_contact" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_identifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_places" (
	"organisation_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "organisation_places_organisation_id_place_id_pk" PRIMARY KEY("organisation_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "organisation_terms" (
	"organisation_id" uuid NOT NULL,
	"taxonomy" text NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "organisation_terms_organisation_id_taxonomy_code_pk" PRIMARY KEY("organisation_id","taxonomy","code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_name" text NOT NULL,
	"acronym" text,
	"kind" text NOT NULL,
	"legal_status" text,
	"year_founded" integer,
	"mission" text,
	"staff_count" integer,
	"volunteer_count" integer,
	"budget_band" text,
	"website" text,
	"visibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_confirmed_at" timestamp with time zone NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"merged_into_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"path" text NOT NULL,
	CONSTRAINT "places_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "register_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"renewal_months" integer DEFAULT 12 NOT NULL,
	"due_days_before" integer DEFAULT 60 NOT NULL,
	"grace_days" integer DEFAULT 90 NOT NULL,
	"reminder_days_before" jsonb DEFAULT '[60,30,7]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renewals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "taxonomy_terms" (
	"taxonomy" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "taxonomy_terms_taxonomy_code_pk" PRIMARY KEY("taxonomy","code")
);
--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_member_id_organisations_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_umbrella_id_organisations_id_fk" FOREIGN KEY ("umbrella_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_identifiers" ADD CONSTRAINT "organisation_identifiers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_names" ADD CONSTRAINT "organisation_names_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_places" ADD CONSTRAINT "organisation_places_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_places" ADD CONSTRAINT "organisation_places_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_terms" ADD CONSTRAINT "organisation_terms_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "affiliations_umbrella_idx" ON "affiliations" USING btree ("umbrella_id");--> statement-breakpoint
CREATE INDEX "contacts_organisation_idx" ON "contacts" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "contacts_phone_idx" ON "contacts" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_identifiers_scheme_value_idx" ON "organisation_identifiers" USING btree ("scheme","value");--> statement-breakpoint
CREATE INDEX "organisation_identifiers_organisation_idx" ON "organisation_identifiers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "organisation_names_organisation_idx" ON "organisation_names" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "organisation_places_place_idx" ON "organisation_places" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "organisation_terms_code_idx" ON "organisation_terms" USING btree ("taxonomy","code");--> statement-breakpoint
CREATE INDEX "organisations_search_trgm_idx" ON "organisations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisations_kind_idx" ON "organisations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "organisations_confirmed_idx" ON "organisations" USING btree ("last_confirmed_at");--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree ("legal_name","id");--> statement-breakpoint
CREATE INDEX "places_path_idx" ON "places" USING btree ("path");--> statement-breakpoint
CREATE INDEX "places_parent_idx" ON "places" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "renewals_organisation_idx" ON "renewals" USING btree ("organisation_id","confirmed_at");