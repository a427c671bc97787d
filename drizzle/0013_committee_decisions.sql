CREATE TABLE "decision_committee_members" (
	"committee_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "decision_committee_members_committee_id_user_id_pk" PRIMARY KEY("committee_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "decision_committees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"quorum" integer,
	"chair_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_conflicts" (
	"request_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"note" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_conflicts_request_id_user_id_pk" PRIMARY KEY("request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "decision_papers" (
	"request_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_papers_request_id_file_id_pk" PRIMARY KEY("request_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "decision_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"question" text NOT NULL,
	"summary" text,
	"deadline" date NOT NULL,
	"member_ids" uuid[] NOT NULL,
	"quorum" integer NOT NULL,
	"state" text NOT NULL,
	"outcome" text,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_votes" (
	"request_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"vote" text NOT NULL,
	"comment" text,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_votes_request_id_user_id_pk" PRIMARY KEY("request_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "decision_committee_members" ADD CONSTRAINT "decision_committee_members_committee_id_decision_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."decision_committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_conflicts" ADD CONSTRAINT "decision_conflicts_request_id_decision_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."decision_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_papers" ADD CONSTRAINT "decision_papers_request_id_decision_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."decision_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_votes" ADD CONSTRAINT "decision_votes_request_id_decision_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."decision_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_committee_members_user_idx" ON "decision_committee_members" USING btree ("agency_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_committees_agency_idx" ON "decision_committees" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "decision_requests_partnership_idx" ON "decision_requests" USING btree ("partnership_id","raised_at");--> statement-breakpoint
CREATE INDEX "decision_requests_agency_idx" ON "decision_requests" USING btree ("agency_id","state");