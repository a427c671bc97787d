ALTER TABLE "register_imports" ADD COLUMN "check_job_id" uuid;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "report" jsonb;