ALTER TABLE "organizations" ADD COLUMN "logo_path" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "setup_dismissed_at" timestamp with time zone;