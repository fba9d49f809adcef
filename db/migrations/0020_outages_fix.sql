ALTER TABLE "outage_subscriptions" ADD COLUMN "price_rupiah" bigint;--> statement-breakpoint
ALTER TABLE "outage_subscriptions" ADD COLUMN "taxable" boolean;--> statement-breakpoint
ALTER TABLE "outages" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
UPDATE "outages" SET "decided_at" = coalesce("resolved_at", "updated_at") WHERE "status" IN ('dismissed', 'resolved');
