DROP INDEX "contacts_phone_idx";--> statement-breakpoint
CREATE INDEX "contacts_phone_digits_idx" ON "contacts" USING btree (regexp_replace("phone", '\D', '', 'g'));