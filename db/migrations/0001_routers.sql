CREATE TABLE "router_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"entries" jsonb NOT NULL,
	"imported_count" integer,
	"imported_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "router_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"username" text NOT NULL,
	"address" text,
	"caller_id" text,
	"uptime" text,
	"bytes_in" bigint,
	"bytes_out" bigint,
	"subscription_id" uuid,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"host" text NOT NULL,
	"port" integer DEFAULT 8728 NOT NULL,
	"tls" boolean DEFAULT false NOT NULL,
	"username" text NOT NULL,
	"password_enc" text NOT NULL,
	"area" text,
	"mode" text DEFAULT 'api' NOT NULL,
	"isolir_profile" text DEFAULT 'isolir' NOT NULL,
	"isolir_rate_limit" text DEFAULT '256k/256k' NOT NULL,
	"isolir_address_list" text DEFAULT 'isolir' NOT NULL,
	"sync_interval_minutes" integer DEFAULT 60 NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_error" text,
	"last_error_kind" text,
	"last_snapshot" jsonb,
	"last_sync_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routers_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "queue_name" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "router_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "remote_address" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "local_address" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "caller_id" text;--> statement-breakpoint
ALTER TABLE "router_imports" ADD CONSTRAINT "router_imports_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_sessions" ADD CONSTRAINT "router_sessions_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routers" ADD CONSTRAINT "routers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "router_imports_job_uq" ON "router_imports" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "router_sessions_org_username_idx" ON "router_sessions" USING btree ("organization_id","username");--> statement-breakpoint
CREATE INDEX "router_sessions_router_idx" ON "router_sessions" USING btree ("router_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "routers_org_name_uq" ON "routers" USING btree ("organization_id","name");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscriptions_router_idx" ON "subscriptions" USING btree ("router_id");