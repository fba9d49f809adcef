CREATE TABLE "acs_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"device_id" text NOT NULL,
	"serial" text NOT NULL,
	"oui" text,
	"product_class" text,
	"manufacturer" text,
	"model" text,
	"firmware" text,
	"data_model" text,
	"subscription_id" uuid,
	"last_inform_at" timestamp with time zone,
	"summary" jsonb,
	"summary_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acs_devices_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "acs_servers" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"nbi_url" text NOT NULL,
	"nbi_username" text,
	"nbi_password_enc" text,
	"acs_url" text,
	"cwmp_username" text,
	"cwmp_password_enc" text,
	"last_checked_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acs_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"acs_device_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"genie_task_id" text,
	"detail" jsonb,
	"fault" text,
	"requested_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "activations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"olt_id" uuid,
	"pon_port_id" uuid,
	"onu_id" uuid,
	"stock_unit_id" uuid,
	"wifi_ssid" text,
	"wifi_password_enc" text,
	"status" text DEFAULT 'running' NOT NULL,
	"step" text DEFAULT 'register_onu' NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rx_power_dbm" double precision,
	"started_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "activations_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "olt_pon_ports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"olt_id" uuid NOT NULL,
	"frame" integer DEFAULT 0 NOT NULL,
	"slot" integer NOT NULL,
	"port" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "olt_pon_ports_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "olts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"vendor" text NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"host" text NOT NULL,
	"transport" text DEFAULT 'telnet' NOT NULL,
	"port" integer NOT NULL,
	"username" text NOT NULL,
	"password_enc" text NOT NULL,
	"enable_password_enc" text,
	"snmp_version" text DEFAULT '2c' NOT NULL,
	"snmp_port" integer DEFAULT 161 NOT NULL,
	"snmp_community_enc" text,
	"snmp_v3_user" text,
	"snmp_v3_auth_protocol" text,
	"snmp_v3_auth_key_enc" text,
	"snmp_v3_priv_protocol" text,
	"snmp_v3_priv_key_enc" text,
	"site_id" uuid,
	"template" jsonb NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"firmware" text,
	"last_seen_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_error" text,
	"poll_minutes" integer DEFAULT 5 NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_poll_ms" integer,
	"last_poll_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "olts_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "onu_readings" (
	"organization_id" uuid NOT NULL,
	"onu_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"rx_power_dbm" double precision,
	CONSTRAINT "onu_readings_onu_id_at_pk" PRIMARY KEY("onu_id","at")
);
--> statement-breakpoint
CREATE TABLE "onus" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"olt_id" uuid NOT NULL,
	"pon_port_id" uuid NOT NULL,
	"onu_index" integer NOT NULL,
	"serial" text NOT NULL,
	"name" text,
	"onu_type" text,
	"vlan" integer,
	"subscription_id" uuid,
	"stock_unit_id" uuid,
	"state" text DEFAULT 'unknown' NOT NULL,
	"level" text,
	"rx_power_dbm" double precision,
	"tx_power_dbm" double precision,
	"olt_rx_power_dbm" double precision,
	"state_changed_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"alerted_state" text,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onus_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "infra_sites" ADD COLUMN "pon_port_id" uuid;--> statement-breakpoint
ALTER TABLE "odps" ADD COLUMN "pon_port_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "onu_warning_dbm" double precision DEFAULT -25 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "onu_critical_dbm" double precision DEFAULT -27 NOT NULL;--> statement-breakpoint
ALTER TABLE "acs_devices" ADD CONSTRAINT "acs_devices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acs_devices" ADD CONSTRAINT "acs_devices_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acs_servers" ADD CONSTRAINT "acs_servers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acs_tasks" ADD CONSTRAINT "acs_tasks_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acs_tasks" ADD CONSTRAINT "acs_tasks_device_fk" FOREIGN KEY ("acs_device_id","organization_id") REFERENCES "public"."acs_devices"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activations" ADD CONSTRAINT "activations_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activations" ADD CONSTRAINT "activations_work_order_fk" FOREIGN KEY ("work_order_id","organization_id") REFERENCES "public"."work_orders"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activations" ADD CONSTRAINT "activations_subscription_fk" FOREIGN KEY ("subscription_id","organization_id") REFERENCES "public"."subscriptions"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olt_pon_ports" ADD CONSTRAINT "olt_pon_ports_olt_fk" FOREIGN KEY ("olt_id","organization_id") REFERENCES "public"."olts"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olts" ADD CONSTRAINT "olts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olts" ADD CONSTRAINT "olts_site_fk" FOREIGN KEY ("site_id","organization_id") REFERENCES "public"."infra_sites"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onu_readings" ADD CONSTRAINT "onu_readings_onu_fk" FOREIGN KEY ("onu_id","organization_id") REFERENCES "public"."onus"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onus" ADD CONSTRAINT "onus_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onus" ADD CONSTRAINT "onus_stock_unit_id_stock_units_id_fk" FOREIGN KEY ("stock_unit_id") REFERENCES "public"."stock_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onus" ADD CONSTRAINT "onus_olt_fk" FOREIGN KEY ("olt_id","organization_id") REFERENCES "public"."olts"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onus" ADD CONSTRAINT "onus_pon_port_fk" FOREIGN KEY ("pon_port_id","organization_id") REFERENCES "public"."olt_pon_ports"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acs_devices_org_device_uq" ON "acs_devices" USING btree ("organization_id","device_id");--> statement-breakpoint
CREATE INDEX "acs_devices_org_serial_idx" ON "acs_devices" USING btree ("organization_id","serial");--> statement-breakpoint
CREATE INDEX "acs_devices_org_subscription_idx" ON "acs_devices" USING btree ("organization_id","subscription_id") WHERE "acs_devices"."subscription_id" is not null;--> statement-breakpoint
CREATE INDEX "acs_tasks_org_device_idx" ON "acs_tasks" USING btree ("organization_id","acs_device_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activations_work_order_running_uq" ON "activations" USING btree ("work_order_id") WHERE "activations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "activations_org_work_order_idx" ON "activations" USING btree ("organization_id","work_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "olt_pon_ports_olt_fsp_uq" ON "olt_pon_ports" USING btree ("olt_id","frame","slot","port");--> statement-breakpoint
CREATE UNIQUE INDEX "olts_org_name_uq" ON "olts" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "onu_readings_org_at_idx" ON "onu_readings" USING btree ("organization_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "onus_port_index_uq" ON "onus" USING btree ("pon_port_id","onu_index");--> statement-breakpoint
CREATE UNIQUE INDEX "onus_org_serial_uq" ON "onus" USING btree ("organization_id","serial");--> statement-breakpoint
CREATE INDEX "onus_org_subscription_idx" ON "onus" USING btree ("organization_id","subscription_id") WHERE "onus"."subscription_id" is not null;--> statement-breakpoint
CREATE INDEX "onus_org_olt_state_idx" ON "onus" USING btree ("organization_id","olt_id","state");--> statement-breakpoint
ALTER TABLE "infra_sites" ADD CONSTRAINT "infra_sites_pon_port_id_olt_pon_ports_id_fk" FOREIGN KEY ("pon_port_id") REFERENCES "public"."olt_pon_ports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odps" ADD CONSTRAINT "odps_pon_port_id_olt_pon_ports_id_fk" FOREIGN KEY ("pon_port_id") REFERENCES "public"."olt_pon_ports"("id") ON DELETE set null ON UPDATE no action;