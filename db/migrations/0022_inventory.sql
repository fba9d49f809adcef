CREATE TABLE "inventory_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"unit" text DEFAULT 'pcs' NOT NULL,
	"tracking" text NOT NULL,
	"has_mac" boolean DEFAULT false NOT NULL,
	"min_stock" integer DEFAULT 0 NOT NULL,
	"cost_price" bigint DEFAULT 0 NOT NULL,
	"average_cost" bigint DEFAULT 0 NOT NULL,
	"low_stock_alerted_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_items_id_org_uq" UNIQUE("id","organization_id"),
	CONSTRAINT "inventory_items_min_stock_nonnegative" CHECK ("inventory_items"."min_stock" >= 0),
	CONSTRAINT "inventory_items_cost_nonnegative" CHECK ("inventory_items"."cost_price" >= 0 and "inventory_items"."average_cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_order_counters" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_cost" bigint NOT NULL,
	"received_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "purchase_order_lines_id_org_uq" UNIQUE("id","organization_id"),
	CONSTRAINT "purchase_order_lines_quantity_positive" CHECK ("purchase_order_lines"."quantity" > 0),
	CONSTRAINT "purchase_order_lines_cost_nonnegative" CHECK ("purchase_order_lines"."unit_cost" >= 0),
	CONSTRAINT "purchase_order_lines_received_range" CHECK ("purchase_order_lines"."received_quantity" >= 0 and "purchase_order_lines"."received_quantity" <= "purchase_order_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"supplier_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"ordered_on" date,
	"expected_on" date,
	"location_id" uuid,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_orders_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "stock_count_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"stock_count_id" uuid NOT NULL,
	"item_id" uuid,
	"unit_id" uuid,
	"serial" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"counted_by" uuid,
	"counted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_count_entries_quantity_nonnegative" CHECK ("stock_count_entries"."quantity" >= 0),
	CONSTRAINT "stock_count_entries_what" CHECK ("stock_count_entries"."serial" is not null or "stock_count_entries"."item_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'counting' NOT NULL,
	"notes" text,
	"started_by" uuid,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "stock_counts_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"organization_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_location_id_item_id_pk" PRIMARY KEY("location_id","item_id"),
	CONSTRAINT "stock_levels_quantity_nonnegative" CHECK ("stock_levels"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"user_id" uuid,
	"subscription_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_locations_id_org_uq" UNIQUE("id","organization_id"),
	CONSTRAINT "stock_locations_bag_has_user" CHECK (("stock_locations"."kind" = 'bag') = ("stock_locations"."user_id" is not null)),
	CONSTRAINT "stock_locations_shelf_has_parent" CHECK (("stock_locations"."kind" = 'shelf') = ("stock_locations"."parent_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "stock_moves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"unit_id" uuid,
	"quantity" integer NOT NULL,
	"from_location_id" uuid,
	"to_location_id" uuid,
	"unit_cost" bigint,
	"work_order_id" uuid,
	"purchase_order_id" uuid,
	"stock_count_id" uuid,
	"reason" text,
	"actor_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_moves_quantity_positive" CHECK ("stock_moves"."quantity" > 0),
	CONSTRAINT "stock_moves_somewhere" CHECK ("stock_moves"."from_location_id" is not null or "stock_moves"."to_location_id" is not null),
	CONSTRAINT "stock_moves_unit_is_one" CHECK ("stock_moves"."unit_id" is null or "stock_moves"."quantity" = 1)
);
--> statement-breakpoint
CREATE TABLE "stock_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"mac" text,
	"location_id" uuid NOT NULL,
	"unit_cost" bigint DEFAULT 0 NOT NULL,
	"purchase_order_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_units_id_org_uq" UNIQUE("id","organization_id"),
	CONSTRAINT "stock_units_cost_nonnegative" CHECK ("stock_units"."unit_cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"phone" text,
	"email" text,
	"address" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppliers_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "device_mac" text;--> statement-breakpoint
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_counters" ADD CONSTRAINT "purchase_order_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_po_fk" FOREIGN KEY ("purchase_order_id","organization_id") REFERENCES "public"."purchase_orders"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_item_fk" FOREIGN KEY ("item_id","organization_id") REFERENCES "public"."inventory_items"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_supplier_fk" FOREIGN KEY ("supplier_id","organization_id") REFERENCES "public"."suppliers"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_location_fk" FOREIGN KEY ("location_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_entries" ADD CONSTRAINT "stock_count_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_entries" ADD CONSTRAINT "stock_count_entries_counted_by_users_id_fk" FOREIGN KEY ("counted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_entries" ADD CONSTRAINT "stock_count_entries_count_fk" FOREIGN KEY ("stock_count_id","organization_id") REFERENCES "public"."stock_counts"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_location_fk" FOREIGN KEY ("location_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_item_fk" FOREIGN KEY ("item_id","organization_id") REFERENCES "public"."inventory_items"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_location_fk" FOREIGN KEY ("location_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_parent_fk" FOREIGN KEY ("parent_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_item_fk" FOREIGN KEY ("item_id","organization_id") REFERENCES "public"."inventory_items"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_unit_fk" FOREIGN KEY ("unit_id","organization_id") REFERENCES "public"."stock_units"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_from_fk" FOREIGN KEY ("from_location_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_to_fk" FOREIGN KEY ("to_location_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_units" ADD CONSTRAINT "stock_units_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_units" ADD CONSTRAINT "stock_units_item_fk" FOREIGN KEY ("item_id","organization_id") REFERENCES "public"."inventory_items"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_units" ADD CONSTRAINT "stock_units_location_fk" FOREIGN KEY ("location_id","organization_id") REFERENCES "public"."stock_locations"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_items_org_sku_uq" ON "inventory_items" USING btree ("organization_id",lower("sku"));--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_lines_po_item_uq" ON "purchase_order_lines" USING btree ("purchase_order_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_org_number_uq" ON "purchase_orders" USING btree ("organization_id","number");--> statement-breakpoint
CREATE INDEX "purchase_orders_org_created_idx" ON "purchase_orders" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_count_entries_serial_uq" ON "stock_count_entries" USING btree ("stock_count_id","serial") WHERE "stock_count_entries"."serial" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_count_entries_bulk_uq" ON "stock_count_entries" USING btree ("stock_count_id","item_id") WHERE "stock_count_entries"."serial" is null;--> statement-breakpoint
CREATE INDEX "stock_counts_org_started_idx" ON "stock_counts" USING btree ("organization_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_counts_open_uq" ON "stock_counts" USING btree ("location_id") WHERE "stock_counts"."status" in ('counting', 'submitted');--> statement-breakpoint
CREATE INDEX "stock_levels_org_item_idx" ON "stock_levels" USING btree ("organization_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_org_code_uq" ON "stock_locations" USING btree ("organization_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_bag_uq" ON "stock_locations" USING btree ("organization_id","user_id") WHERE "stock_locations"."kind" = 'bag';--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_customer_uq" ON "stock_locations" USING btree ("subscription_id") WHERE "stock_locations"."kind" = 'customer';--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_system_uq" ON "stock_locations" USING btree ("organization_id","kind") WHERE "stock_locations"."kind" in ('faulty', 'written_off');--> statement-breakpoint
CREATE INDEX "stock_locations_org_kind_idx" ON "stock_locations" USING btree ("organization_id","kind");--> statement-breakpoint
CREATE INDEX "stock_moves_unit_idx" ON "stock_moves" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "stock_moves_org_created_idx" ON "stock_moves" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_moves_work_order_idx" ON "stock_moves" USING btree ("work_order_id") WHERE "stock_moves"."work_order_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_moves_batch_idx" ON "stock_moves" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_units_org_serial_uq" ON "stock_units" USING btree ("organization_id","serial");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_units_org_mac_uq" ON "stock_units" USING btree ("organization_id","mac") WHERE "stock_units"."mac" is not null;--> statement-breakpoint
CREATE INDEX "stock_units_location_idx" ON "stock_units" USING btree ("organization_id","location_id","item_id");--> statement-breakpoint
CREATE INDEX "stock_units_item_idx" ON "stock_units" USING btree ("organization_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_org_name_uq" ON "suppliers" USING btree ("organization_id",lower("name"));--> statement-breakpoint
-- The ledger is append-only: no update, and no delete except as part of deleting the
-- organization itself (its cascade runs after the organization row is gone).
CREATE OR REPLACE FUNCTION stock_moves_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = OLD.organization_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'stock_moves is append-only' USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER stock_moves_append_only BEFORE UPDATE OR DELETE ON stock_moves
  FOR EACH ROW EXECUTE FUNCTION stock_moves_append_only();--> statement-breakpoint
-- Every technician already in an organization gets their bag (new ones get it on joining).
INSERT INTO stock_locations (organization_id, kind, name, code, user_id)
SELECT m.organization_id, 'bag', coalesce(nullif(u.name, ''), u.email),
  'TAS-' || upper(substr(md5(m.user_id::text), 1, 8)), m.user_id
FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.role = 'technician'
ON CONFLICT DO NOTHING;
