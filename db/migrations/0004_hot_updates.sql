DROP INDEX "customers_org_status_created_idx";--> statement-breakpoint
-- Leave room in each page so status changes (isolation, reconnection) stay HOT updates.
ALTER TABLE "customers" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "subscriptions" SET (fillfactor = 90);
