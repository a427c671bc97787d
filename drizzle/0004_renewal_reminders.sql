CREATE TABLE "renewal_reminders" (
	"organisation_id" uuid NOT NULL,
	"cycle_confirmed_at" timestamp with time zone NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL,
	CONSTRAINT "renewal_reminders_organisation_id_cycle_confirmed_at_days_before_pk" PRIMARY KEY("organisation_id","cycle_confirmed_at","days_before")
);
--> statement-breakpoint
ALTER TABLE "renewal_reminders" ADD CONSTRAINT "renewal_reminders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;