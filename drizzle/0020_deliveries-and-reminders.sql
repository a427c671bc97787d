CREATE TABLE "announcement_deliveries" (
	"announcement_id" uuid NOT NULL,
	"email" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "announcement_deliveries_announcement_id_email_pk" PRIMARY KEY("announcement_id","email")
);
--> statement-breakpoint
CREATE TABLE "decision_deadline_reminders" (
	"request_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL,
	CONSTRAINT "decision_deadline_reminders_request_id_deadline_days_before_pk" PRIMARY KEY("request_id","deadline","days_before")
);
--> statement-breakpoint
CREATE TABLE "review_due_reminders" (
	"partnership_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_due_reminders_partnership_id_due_on_days_before_pk" PRIMARY KEY("partnership_id","due_on","days_before")
);
--> statement-breakpoint
ALTER TABLE "announcement_deliveries" ADD CONSTRAINT "announcement_deliveries_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_deadline_reminders" ADD CONSTRAINT "decision_deadline_reminders_request_id_decision_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."decision_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_due_reminders" ADD CONSTRAINT "review_due_reminders_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;