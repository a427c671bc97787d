CREATE TABLE "due_diligence_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"direction" text NOT NULL,
	"sections" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"validity_months" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"signed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"template_id" uuid NOT NULL,
	"questions" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer,
	"state" text NOT NULL,
	"risk_rating" text,
	"completed_at" timestamp with time zone,
	"valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_moves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "partnership_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text NOT NULL,
	"reason" text,
	"moved_at" timestamp with time zone NOT NULL,
	"moved_by" uuid NOT NULL,
	"moved_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_parties" (
	"partnership_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"lead" boolean DEFAULT false NOT NULL,
	CONSTRAINT "partnership_parties_partnership_id_organisation_id_pk" PRIMARY KEY("partnership_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"purpose" text,
	"shared_vision" text,
	"focus_areas" text[] DEFAULT '{}' NOT NULL,
	"place_ids" uuid[] DEFAULT '{}' NOT NULL,
	"formality" text NOT NULL,
	"form" text NOT NULL,
	"agency_roles" text[] DEFAULT '{}' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"level" text NOT NULL,
	"state" text NOT NULL,
	"strategic_answers" jsonb NOT NULL,
	"strategic_override" jsonb,
	"strategic" boolean,
	"phase_out_plan" text,
	"involves_funding" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partnership_agreements" ADD CONSTRAINT "partnership_agreements_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_assessments" ADD CONSTRAINT "partnership_assessments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_moves" ADD CONSTRAINT "partnership_moves_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_parties" ADD CONSTRAINT "partnership_parties_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "due_diligence_templates_name_idx" ON "due_diligence_templates" USING btree ("agency_id","name");--> statement-breakpoint
CREATE INDEX "partnership_agreements_partnership_idx" ON "partnership_agreements" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "partnership_assessments_partnership_idx" ON "partnership_assessments" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "partnership_moves_partnership_idx" ON "partnership_moves" USING btree ("partnership_id","moved_at");--> statement-breakpoint
CREATE INDEX "partnership_moves_agency_idx" ON "partnership_moves" USING btree ("agency_id","kind","moved_at");--> statement-breakpoint
CREATE INDEX "partnership_parties_organisation_idx" ON "partnership_parties" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "partnerships_agency_idx" ON "partnerships" USING btree ("agency_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "partnerships_state_idx" ON "partnerships" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "partnerships_focus_idx" ON "partnerships" USING gin ("focus_areas");--> statement-breakpoint
CREATE INDEX "partnerships_places_idx" ON "partnerships" USING gin ("place_ids");