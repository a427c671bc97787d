CREATE TABLE "announcement_deliveries" (
	"announcement_id" uuid NOT NULL,
	"email" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "announcement_deliveries_announcement_id_email_pk" PRIMARY KEY("announcement_id","email")
);
--> statement-breakpoint
ALTER TABLE "announcement_deliveries" ADD CONSTRAINT "announcement_deliveries_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE no action ON UPDATE no action;