-- Extensions both database modes carry (ARCHITECTURE.md "Database"): fuzzy names, accents, case-blind e-mail.
CREATE EXTENSION IF NOT EXISTS citext;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
