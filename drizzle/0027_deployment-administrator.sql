CREATE TABLE "deployment" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"demonstration" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deployment_administrator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written: a Vaka set up before deployment administrators existed keeps one, the administrator
-- who set it up (the earliest administrator membership), so its shared settings can still change.
UPDATE "users" SET "deployment_administrator" = true WHERE "id" = (
	SELECT "user_id" FROM "memberships" WHERE "role" = 'administrator' ORDER BY "created_at", "user_id" LIMIT 1
);
