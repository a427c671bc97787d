CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"issue" jsonb NOT NULL,
	"vision" text,
	"signs_of_success" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_amendments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreement_amendments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"amended_at" timestamp with time zone NOT NULL,
	"amended_by" uuid NOT NULL,
	"amended_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"funder" text
);
--> statement-breakpoint
CREATE TABLE "agreement_expiry_reminders" (
	"agreement_id" uuid NOT NULL,
	"ends_on" date NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_expiry_reminders_agreement_id_ends_on_days_before_pk" PRIMARY KEY("agreement_id","ends_on","days_before")
);
--> statement-breakpoint
CREATE TABLE "agreement_files" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_by_name" text NOT NULL,
	CONSTRAINT "agreement_files_agreement_id_version_pk" PRIMARY KEY("agreement_id","version")
);
--> statement-breakpoint
CREATE TABLE "agreement_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"agreement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"responsibilities" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledged_by_name" text,
	CONSTRAINT "agreement_parties_agreement_id_organisation_id_pk" PRIMARY KEY("agreement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "plan_action_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_action_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"action_id" uuid NOT NULL,
	"note" text NOT NULL,
	"status" text,
	"written_at" timestamp with time zone NOT NULL,
	"written_by" uuid NOT NULL,
	"written_by_name" text NOT NULL,
	"organisation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "plan_action_overdue_notices" (
	"action_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_action_overdue_notices_action_id_due_on_pk" PRIMARY KEY("action_id","due_on")
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" uuid,
	"owner_organisation_id" uuid,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partnership_agreements" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "partnership_agreements" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "partnership_agreements" ADD COLUMN "conditions" text;--> statement-breakpoint
ALTER TABLE "partnership_agreements" ADD COLUMN "conduct_terms" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_amendments" ADD CONSTRAINT "agreement_amendments_agreement_id_partnership_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partnership_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_budget_lines" ADD CONSTRAINT "agreement_budget_lines_agreement_id_partnership_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partnership_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_expiry_reminders" ADD CONSTRAINT "agreement_expiry_reminders_agreement_id_partnership_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partnership_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_files" ADD CONSTRAINT "agreement_files_agreement_id_partnership_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partnership_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_milestones" ADD CONSTRAINT "agreement_milestones_agreement_id_partnership_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partnership_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_partnership_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partnership_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_notes" ADD CONSTRAINT "plan_action_notes_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_overdue_notices" ADD CONSTRAINT "plan_action_overdue_notices_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_partnership_idx" ON "action_plans" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "agreement_amendments_agreement_idx" ON "agreement_amendments" USING btree ("agreement_id","amended_at");--> statement-breakpoint
CREATE INDEX "agreement_budget_lines_agreement_idx" ON "agreement_budget_lines" USING btree ("agreement_id","position");--> statement-breakpoint
CREATE INDEX "agreement_milestones_agreement_idx" ON "agreement_milestones" USING btree ("agreement_id","position");--> statement-breakpoint
CREATE INDEX "agreement_parties_organisation_idx" ON "agreement_parties" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "plan_action_notes_action_idx" ON "plan_action_notes" USING btree ("action_id","written_at");--> statement-breakpoint
CREATE INDEX "plan_actions_plan_idx" ON "plan_actions" USING btree ("plan_id","due_on");--> statement-breakpoint
CREATE INDEX "plan_actions_due_idx" ON "plan_actions" USING btree ("agency_id","status","due_on");