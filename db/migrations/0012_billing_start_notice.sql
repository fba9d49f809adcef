ALTER TABLE "subscriptions" ADD COLUMN "billing_starts_on" date;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD COLUMN "isolation_notice_hours" integer DEFAULT 24 NOT NULL;