CREATE TABLE "partners_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"organisation_ids" uuid[] DEFAULT '{}' NOT NULL,
	"attendees" text,
	"notes" text,
	"decisions" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_principles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source" text,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_review_responses" (
	"review_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"added_value" text,
	"expectations_met" text,
	"to_improve" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	CONSTRAINT "partnership_review_responses_review_id_organisation_id_pk" PRIMARY KEY("review_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "partnership_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"state" text NOT NULL,
	"due_on" date,
	"progress" text,
	"added_value" text,
	"expectations_met" text,
	"to_improve" text,
	"institutional_development" text,
	"strategic_positioning" text,
	"recommendation" text,
	"recommended_level" text,
	"completed_on" date,
	"completed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "principle_ratings" (
	"review_id" uuid NOT NULL,
	"principle_id" uuid NOT NULL,
	"rater" text NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	CONSTRAINT "principle_ratings_review_id_principle_id_rater_pk" PRIMARY KEY("review_id","principle_id","rater")
);
--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "policy_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "review_every_months" integer;--> statement-breakpoint
ALTER TABLE "partnership_review_responses" ADD CONSTRAINT "partnership_review_responses_review_id_partnership_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."partnership_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_reviews" ADD CONSTRAINT "partnership_reviews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principle_ratings" ADD CONSTRAINT "principle_ratings_review_id_partnership_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."partnership_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principle_ratings" ADD CONSTRAINT "principle_ratings_principle_id_partnership_principles_id_fk" FOREIGN KEY ("principle_id") REFERENCES "public"."partnership_principles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partners_meetings_agency_idx" ON "partners_meetings" USING btree ("agency_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_principles_name_idx" ON "partnership_principles" USING btree ("agency_id","name");--> statement-breakpoint
CREATE INDEX "partnership_reviews_partnership_idx" ON "partnership_reviews" USING btree ("partnership_id","created_at");--> statement-breakpoint
CREATE INDEX "partnership_reviews_agency_idx" ON "partnership_reviews" USING btree ("agency_id","completed_on");--> statement-breakpoint
CREATE INDEX "principle_ratings_principle_idx" ON "principle_ratings" USING btree ("principle_id");