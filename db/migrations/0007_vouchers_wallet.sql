CREATE TABLE "voucher_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"count" integer NOT NULL,
	"code_length" integer NOT NULL,
	"charset" text NOT NULL,
	"prefix" text DEFAULT '' NOT NULL,
	"password_mode" text NOT NULL,
	"delivery" text NOT NULL,
	"router_id" uuid,
	"reseller_user_id" uuid,
	"price_rupiah" bigint NOT NULL,
	"cost_rupiah" bigint NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"delivered_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_batches_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "voucher_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"price_rupiah" bigint NOT NULL,
	"cost_rupiah" bigint NOT NULL,
	"validity_minutes" integer NOT NULL,
	"time_quota_minutes" integer,
	"data_quota_bytes" bigint,
	"rate_limit" text,
	"shared_users" integer DEFAULT 1 NOT NULL,
	"router_profile" text,
	"radius_group" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_profiles_id_org_uq" UNIQUE("id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"code" text NOT NULL,
	"password_enc" text,
	"status" text DEFAULT 'unused' NOT NULL,
	"first_login_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"used_bytes" bigint DEFAULT 0 NOT NULL,
	"used_seconds" integer DEFAULT 0 NOT NULL,
	"reseller_user_id" uuid,
	"sold_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"reseller_user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"note" text,
	"actor_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_entries_amount_nonzero" CHECK ("wallet_entries"."amount" <> 0),
	CONSTRAINT "wallet_entries_balance_nonnegative" CHECK ("wallet_entries"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wallet_topup_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"reseller_user_id" uuid NOT NULL,
	"channel" text DEFAULT 'manual' NOT NULL,
	"amount" bigint NOT NULL,
	"note" text,
	"proof_path" text,
	"gateway_transaction_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_topup_requests_amount_positive" CHECK ("wallet_topup_requests"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "wallets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"reseller_user_id" uuid NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallets_org_reseller_uq" UNIQUE("organization_id","reseller_user_id"),
	CONSTRAINT "wallets_balance_nonnegative" CHECK ("wallets"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reseller_commissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"reseller_user_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"base_amount" bigint NOT NULL,
	"rate_bps" integer NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'credited' NOT NULL,
	"wallet_entry_id" uuid NOT NULL,
	"reversal_entry_id" uuid,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reseller_commissions_invoice_payment_uq" UNIQUE("invoice_id","payment_id"),
	CONSTRAINT "reseller_commissions_amount_positive" CHECK ("reseller_commissions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "reseller_settings" (
	"organization_id" uuid NOT NULL,
	"reseller_user_id" uuid NOT NULL,
	"commission_rate_bps" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reseller_settings_organization_id_reseller_user_id_pk" PRIMARY KEY("organization_id","reseller_user_id"),
	CONSTRAINT "reseller_settings_rate_range" CHECK ("reseller_settings"."commission_rate_bps" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "hotspot_login_url" text;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_reseller_user_id_users_id_fk" FOREIGN KEY ("reseller_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_profile_fk" FOREIGN KEY ("profile_id","organization_id") REFERENCES "public"."voucher_profiles"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_router_fk" FOREIGN KEY ("router_id","organization_id") REFERENCES "public"."routers"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_profiles" ADD CONSTRAINT "voucher_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_batch_fk" FOREIGN KEY ("batch_id","organization_id") REFERENCES "public"."voucher_batches"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_entries" ADD CONSTRAINT "wallet_entries_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_entries" ADD CONSTRAINT "wallet_entries_wallet_fk" FOREIGN KEY ("organization_id","reseller_user_id") REFERENCES "public"."wallets"("organization_id","reseller_user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_topup_requests" ADD CONSTRAINT "wallet_topup_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_topup_requests" ADD CONSTRAINT "wallet_topup_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_topup_requests" ADD CONSTRAINT "wallet_topup_requests_membership_fk" FOREIGN KEY ("organization_id","reseller_user_id") REFERENCES "public"."memberships"("organization_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallets" ADD CONSTRAINT "wallets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallets" ADD CONSTRAINT "wallets_membership_fk" FOREIGN KEY ("organization_id","reseller_user_id") REFERENCES "public"."memberships"("organization_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_commissions" ADD CONSTRAINT "reseller_commissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_commissions" ADD CONSTRAINT "reseller_commissions_reseller_user_id_users_id_fk" FOREIGN KEY ("reseller_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_commissions" ADD CONSTRAINT "reseller_commissions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_commissions" ADD CONSTRAINT "reseller_commissions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_commissions" ADD CONSTRAINT "reseller_commissions_customer_tenant_fk" FOREIGN KEY ("customer_id","organization_id") REFERENCES "public"."customers"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_settings" ADD CONSTRAINT "reseller_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_settings" ADD CONSTRAINT "reseller_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_settings" ADD CONSTRAINT "reseller_settings_membership_fk" FOREIGN KEY ("organization_id","reseller_user_id") REFERENCES "public"."memberships"("organization_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_batches_org_created_idx" ON "voucher_batches" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "voucher_batches_router_idx" ON "voucher_batches" USING btree ("router_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_profiles_org_name_uq" ON "voucher_profiles" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_org_code_uq" ON "vouchers" USING btree ("organization_id","code");--> statement-breakpoint
CREATE INDEX "vouchers_batch_status_idx" ON "vouchers" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "vouchers_org_status_idx" ON "vouchers" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "vouchers_org_sold_idx" ON "vouchers" USING btree ("organization_id","sold_at","profile_id","reseller_user_id") WHERE "vouchers"."sold_at" is not null;--> statement-breakpoint
CREATE INDEX "vouchers_org_login_idx" ON "vouchers" USING btree ("organization_id","first_login_at","profile_id") WHERE "vouchers"."first_login_at" is not null;--> statement-breakpoint
CREATE INDEX "wallet_entries_org_reseller_created_idx" ON "wallet_entries" USING btree ("organization_id","reseller_user_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_entries_once_uq" ON "wallet_entries" USING btree ("organization_id","kind","ref_type","ref_id") WHERE "wallet_entries"."ref_id" is not null and "wallet_entries"."kind" in ('topup', 'purchase');--> statement-breakpoint
CREATE INDEX "wallet_topup_requests_org_status_idx" ON "wallet_topup_requests" USING btree ("organization_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "wallet_topup_requests_org_reseller_idx" ON "wallet_topup_requests" USING btree ("organization_id","reseller_user_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_topup_requests_gateway_tx_uq" ON "wallet_topup_requests" USING btree ("gateway_transaction_id") WHERE "wallet_topup_requests"."gateway_transaction_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "reseller_commissions_live_invoice_uq" ON "reseller_commissions" USING btree ("invoice_id") WHERE "reseller_commissions"."status" <> 'reversed';--> statement-breakpoint
CREATE INDEX "reseller_commissions_org_reseller_created_idx" ON "reseller_commissions" USING btree ("organization_id","reseller_user_id","created_at","id");