CREATE TABLE "session_drops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"dropped_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_customer_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_subscription_fk";
--> statement-breakpoint
ALTER TABLE "work_orders" DROP CONSTRAINT "work_orders_ticket_fk";
--> statement-breakpoint
ALTER TABLE "outages" DROP CONSTRAINT "outages_ticket_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_customer_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_subscription_fk";
--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_id_org_uq" UNIQUE("id","organization_id");--> statement-breakpoint
ALTER TABLE "odps" ADD CONSTRAINT "odps_id_org_uq" UNIQUE("id","organization_id");--> statement-breakpoint
ALTER TABLE "cables" ADD COLUMN "from_site_id" uuid;--> statement-breakpoint
ALTER TABLE "cables" ADD COLUMN "from_odp_id" uuid;--> statement-breakpoint
ALTER TABLE "cables" ADD COLUMN "to_site_id" uuid;--> statement-breakpoint
ALTER TABLE "cables" ADD COLUMN "to_odp_id" uuid;--> statement-breakpoint
ALTER TABLE "infra_sites" ADD COLUMN "parent_site_id" uuid;--> statement-breakpoint
ALTER TABLE "infra_sites" ADD COLUMN "router_id" uuid;--> statement-breakpoint
ALTER TABLE "outages" ADD COLUMN "area" text;--> statement-breakpoint
ALTER TABLE "session_drops" ADD CONSTRAINT "session_drops_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_drops_org_time_idx" ON "session_drops" USING btree ("organization_id","dropped_at");--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_from_site_fk" FOREIGN KEY ("from_site_id","organization_id") REFERENCES "public"."infra_sites"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_to_site_fk" FOREIGN KEY ("to_site_id","organization_id") REFERENCES "public"."infra_sites"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_from_odp_fk" FOREIGN KEY ("from_odp_id","organization_id") REFERENCES "public"."odps"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_to_odp_fk" FOREIGN KEY ("to_odp_id","organization_id") REFERENCES "public"."odps"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infra_sites" ADD CONSTRAINT "infra_sites_parent_fk" FOREIGN KEY ("parent_site_id","organization_id") REFERENCES "public"."infra_sites"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infra_sites" ADD CONSTRAINT "infra_sites_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outages" ADD CONSTRAINT "outages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cables_from_site_idx" ON "cables" USING btree ("organization_id","from_site_id") WHERE "cables"."from_site_id" is not null;--> statement-breakpoint
CREATE INDEX "cables_from_odp_idx" ON "cables" USING btree ("organization_id","from_odp_id") WHERE "cables"."from_odp_id" is not null;--> statement-breakpoint
CREATE INDEX "infra_sites_parent_idx" ON "infra_sites" USING btree ("organization_id","parent_site_id") WHERE "infra_sites"."parent_site_id" is not null;--> statement-breakpoint
CREATE INDEX "infra_sites_router_idx" ON "infra_sites" USING btree ("organization_id","router_id") WHERE "infra_sites"."router_id" is not null;--> statement-breakpoint
CREATE INDEX "odps_org_odc_idx" ON "odps" USING btree ("organization_id","odc_id") WHERE "odps"."odc_id" is not null;--> statement-breakpoint
CREATE INDEX "radacct_stop_idx" ON "radacct" USING btree ("acctstoptime") WHERE acctstoptime is not null;--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_from_one_end" CHECK ("cables"."from_site_id" is null or "cables"."from_odp_id" is null);--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_to_one_end" CHECK ("cables"."to_site_id" is null or "cables"."to_odp_id" is null);