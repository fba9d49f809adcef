CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TABLE "cables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"cable_type" text NOT NULL,
	"core_count" integer NOT NULL,
	"path" jsonb NOT NULL,
	"length_m" integer NOT NULL,
	"min_lat" double precision NOT NULL,
	"min_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"area" text,
	"notes" text,
	"photo_path" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "infra_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"area" text,
	"capacity" integer,
	"notes" text,
	"photo_path" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "infra_sites_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "odps" ADD COLUMN "splitter_ratio" text;--> statement-breakpoint
ALTER TABLE "odps" ADD COLUMN "odc_id" uuid;--> statement-breakpoint
ALTER TABLE "odps" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "odps" ADD COLUMN "photo_path" text;--> statement-breakpoint
ALTER TABLE "odps" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "odp_port" integer;--> statement-breakpoint
ALTER TABLE "cables" ADD CONSTRAINT "cables_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infra_sites" ADD CONSTRAINT "infra_sites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cables_org_code_uq" ON "cables" USING btree ("organization_id","code");--> statement-breakpoint
CREATE INDEX "cables_org_box_gist" ON "cables" USING gist ("organization_id",box(point("min_lng", "min_lat"), point("max_lng", "max_lat")));--> statement-breakpoint
CREATE UNIQUE INDEX "infra_sites_org_kind_code_uq" ON "infra_sites" USING btree ("organization_id","kind","code");--> statement-breakpoint
CREATE INDEX "infra_sites_org_point_gist" ON "infra_sites" USING gist ("organization_id",point("longitude", "latitude"));--> statement-breakpoint
ALTER TABLE "odps" ADD CONSTRAINT "odps_odc_fk" FOREIGN KEY ("odc_id","organization_id") REFERENCES "public"."infra_sites"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "odps_org_point_gist" ON "odps" USING gist ("organization_id",point("longitude", "latitude"));--> statement-breakpoint
CREATE INDEX "customers_org_point_gist" ON "customers" USING gist ("organization_id",point("longitude", "latitude")) WHERE "customers"."latitude" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_odp_port_uq" ON "subscriptions" USING btree ("odp_id","odp_port") WHERE "subscriptions"."odp_port" is not null;