DROP INDEX "contacts_phone_idx";--> statement-breakpoint
DROP INDEX "organisations_kind_idx";--> statement-breakpoint
CREATE INDEX "contacts_phone_digits_idx" ON "contacts" USING btree (regexp_replace("phone", '\D', '', 'g'));--> statement-breakpoint
CREATE INDEX "organisations_live_kind_idx" ON "organisations" USING btree ("kind") WHERE "organisations"."merged_into_id" is null;