CREATE TABLE "backup_copies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"target_id" uuid,
	"target_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"file_name" text NOT NULL,
	"location" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"uploaded_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backup_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"step" text,
	"scheduled_for" date,
	"job_id" uuid,
	"requested_by" uuid,
	"attempt" integer DEFAULT 0 NOT NULL,
	"file_name" text,
	"size_bytes" bigint,
	"sha256" text,
	"manifest" jsonb,
	"archived_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backup_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"time" text DEFAULT '03:00' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Jakarta' NOT NULL,
	"keep_daily" integer DEFAULT 7 NOT NULL,
	"keep_weekly" integer DEFAULT 4 NOT NULL,
	"keep_monthly" integer DEFAULT 12 NOT NULL,
	"stale_alerted_on" date,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_settings_one_row" CHECK ("backup_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "backup_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_enc" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"check_requested_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"check_error" text,
	"check_message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "backup_copies" ADD CONSTRAINT "backup_copies_run_id_backup_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."backup_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_copies" ADD CONSTRAINT "backup_copies_target_id_backup_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."backup_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_runs" ADD CONSTRAINT "backup_runs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_runs" ADD CONSTRAINT "backup_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_settings" ADD CONSTRAINT "backup_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_config_state" ADD CONSTRAINT "router_config_state_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_config_versions" ADD CONSTRAINT "router_config_versions_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backup_copies_run_target_uq" ON "backup_copies" USING btree ("run_id","target_id");--> statement-breakpoint
CREATE INDEX "backup_copies_target_idx" ON "backup_copies" USING btree ("target_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "backup_runs_scheduled_uq" ON "backup_runs" USING btree ("scheduled_for") WHERE "backup_runs"."trigger" = 'schedule';--> statement-breakpoint
CREATE INDEX "backup_runs_created_idx" ON "backup_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "backup_runs_good_idx" ON "backup_runs" USING btree ("archived_at") WHERE "backup_runs"."status" in ('succeeded', 'partial');--> statement-breakpoint
CREATE UNIQUE INDEX "backup_targets_name_uq" ON "backup_targets" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "backup_targets_default_uq" ON "backup_targets" USING btree ("is_default") WHERE "backup_targets"."is_default";--> statement-breakpoint
CREATE INDEX "router_config_versions_router_idx" ON "router_config_versions" USING btree ("router_id","taken_at" DESC NULLS LAST,"id" DESC NULLS LAST);