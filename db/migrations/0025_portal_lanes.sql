CREATE TABLE "usage_counters" (
	"subscription_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_key" text NOT NULL,
	"bytes_in" bigint NOT NULL,
	"bytes_out" bigint NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_days" (
	"organization_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"day" date NOT NULL,
	"bytes_in" bigint DEFAULT 0 NOT NULL,
	"bytes_out" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_days_subscription_id_day_pk" PRIMARY KEY("subscription_id","day")
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "invoice_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assistant_pending" jsonb;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "effective_on" date;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "resume_on" date;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "applied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "resumed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "charge_id" uuid;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_subscription_tenant_fk" FOREIGN KEY ("subscription_id","organization_id") REFERENCES "public"."subscriptions"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_days" ADD CONSTRAINT "usage_days_subscription_tenant_fk" FOREIGN KEY ("subscription_id","organization_id") REFERENCES "public"."subscriptions"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_days_org_day_idx" ON "usage_days" USING btree ("organization_id","day");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_pending_invoice_uniq" ON "payments" USING btree ("invoice_id") WHERE "payments"."status" = 'pending' and "payments"."invoice_id" is not null;--> statement-breakpoint
CREATE INDEX "service_requests_due_idx" ON "service_requests" USING btree ("effective_on","resume_on") WHERE "service_requests"."status" = 'approved' and ("service_requests"."applied_at" is null or "service_requests"."resumed_at" is null);