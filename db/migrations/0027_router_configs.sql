CREATE TABLE "router_config_state" (
	"router_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"host_key_fingerprint" text,
	"host_key_type" text,
	"host_key_trusted_at" timestamp with time zone,
	"pending_host_key_fingerprint" text,
	"pending_host_key_type" text,
	"pending_host_key_seen_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_status" text,
	"last_error_kind" text,
	"last_error" text,
	"last_success_at" timestamp with time zone,
	"last_scheduled_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "router_config_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	"taken_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trigger" text NOT NULL,
	"text_enc" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"line_count" integer NOT NULL,
	"added_lines" integer,
	"removed_lines" integer,
	"routeros_version" text
);
--> statement-breakpoint
ALTER TABLE "routers" ADD COLUMN "ssh_port" integer DEFAULT 22 NOT NULL;--> statement-breakpoint
ALTER TABLE "routers" ADD COLUMN "config_backup_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "routers" ADD COLUMN "config_backup_keep" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "router_config_state" ADD CONSTRAINT "router_config_state_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_config_versions" ADD CONSTRAINT "router_config_versions_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "router_config_versions_router_idx" ON "router_config_versions" USING btree ("router_id","taken_at" DESC NULLS LAST,"id" DESC NULLS LAST);