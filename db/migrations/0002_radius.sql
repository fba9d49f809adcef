CREATE TABLE "nas" (
	"id" serial PRIMARY KEY NOT NULL,
	"nasname" text NOT NULL,
	"shortname" text NOT NULL,
	"type" text DEFAULT 'other' NOT NULL,
	"ports" integer,
	"secret" text NOT NULL,
	"server" text,
	"community" text,
	"description" text,
	"organization_id" uuid,
	"router_id" uuid,
	CONSTRAINT "nas_router_id_unique" UNIQUE("router_id")
);
--> statement-breakpoint
CREATE TABLE "nasreload" (
	"nasipaddress" "inet" PRIMARY KEY NOT NULL,
	"reloadtime" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "radacct" (
	"radacctid" bigserial PRIMARY KEY NOT NULL,
	"acctsessionid" text NOT NULL,
	"acctuniqueid" text NOT NULL,
	"username" text,
	"realm" text,
	"nasipaddress" "inet" NOT NULL,
	"nasportid" text,
	"nasporttype" text,
	"acctstarttime" timestamp with time zone,
	"acctupdatetime" timestamp with time zone,
	"acctstoptime" timestamp with time zone,
	"acctinterval" bigint,
	"acctsessiontime" bigint,
	"acctauthentic" text,
	"connectinfo_start" text,
	"connectinfo_stop" text,
	"acctinputoctets" bigint,
	"acctoutputoctets" bigint,
	"calledstationid" text,
	"callingstationid" text,
	"acctterminatecause" text,
	"servicetype" text,
	"framedprotocol" text,
	"framedipaddress" "inet",
	"framedipv6address" "inet",
	"framedipv6prefix" "inet",
	"framedinterfaceid" text,
	"delegatedipv6prefix" "inet",
	"class" text,
	CONSTRAINT "radacct_acctuniqueid_unique" UNIQUE("acctuniqueid")
);
--> statement-breakpoint
CREATE TABLE "radcheck" (
	"id" serial PRIMARY KEY NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '==' NOT NULL,
	"organization_id" uuid,
	"subscription_id" uuid
);
--> statement-breakpoint
CREATE TABLE "radgroupcheck" (
	"id" serial PRIMARY KEY NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"groupname" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '==' NOT NULL,
	"organization_id" uuid
);
--> statement-breakpoint
CREATE TABLE "radgroupreply" (
	"id" serial PRIMARY KEY NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"groupname" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '=' NOT NULL,
	"organization_id" uuid
);
--> statement-breakpoint
CREATE TABLE "radpostauth" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"pass" text,
	"reply" text,
	"calledstationid" text,
	"callingstationid" text,
	"authdate" timestamp with time zone DEFAULT now() NOT NULL,
	"class" text
);
--> statement-breakpoint
CREATE TABLE "radreply" (
	"id" serial PRIMARY KEY NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '=' NOT NULL,
	"organization_id" uuid,
	"subscription_id" uuid
);
--> statement-breakpoint
CREATE TABLE "radusergroup" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"groupname" text DEFAULT '' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"organization_id" uuid,
	"subscription_id" uuid
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "framed_pool" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "session_timeout_minutes" integer;--> statement-breakpoint
ALTER TABLE "routers" ADD COLUMN "radius_secret_enc" text;--> statement-breakpoint
ALTER TABLE "routers" ADD COLUMN "nas_address" text;--> statement-breakpoint
ALTER TABLE "routers" ADD COLUMN "coa_port" integer DEFAULT 3799 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "nas_nasname" ON "nas" USING btree ("nasname");--> statement-breakpoint
CREATE INDEX "radacct_active_session_idx" ON "radacct" USING btree ("acctuniqueid") WHERE acctstoptime is null;--> statement-breakpoint
CREATE INDEX "radacct_bulk_close" ON "radacct" USING btree ("nasipaddress","acctstarttime") WHERE acctstoptime is null;--> statement-breakpoint
CREATE INDEX "radacct_start_user_idx" ON "radacct" USING btree ("acctstarttime","username");--> statement-breakpoint
CREATE INDEX "radacct_calss_idx" ON "radacct" USING btree ("class");--> statement-breakpoint
CREATE INDEX "radacct_username_start_idx" ON "radacct" USING btree ("username","acctstarttime");--> statement-breakpoint
CREATE INDEX "radacct_online_idx" ON "radacct" USING btree ("username") WHERE acctstoptime is null;--> statement-breakpoint
CREATE INDEX "radcheck_username" ON "radcheck" USING btree ("username","attribute");--> statement-breakpoint
CREATE INDEX "radcheck_subscription_idx" ON "radcheck" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "radgroupcheck_groupname" ON "radgroupcheck" USING btree ("groupname","attribute");--> statement-breakpoint
CREATE INDEX "radgroupreply_groupname" ON "radgroupreply" USING btree ("groupname","attribute");--> statement-breakpoint
CREATE INDEX "radpostauth_username_idx" ON "radpostauth" USING btree ("username");--> statement-breakpoint
CREATE INDEX "radpostauth_class_idx" ON "radpostauth" USING btree ("class");--> statement-breakpoint
CREATE INDEX "radreply_username" ON "radreply" USING btree ("username","attribute");--> statement-breakpoint
CREATE INDEX "radreply_subscription_idx" ON "radreply" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "radusergroup_username" ON "radusergroup" USING btree ("username");--> statement-breakpoint
CREATE INDEX "radusergroup_subscription_idx" ON "radusergroup" USING btree ("subscription_id");