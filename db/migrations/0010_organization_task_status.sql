CREATE TABLE "organization_task_status" (
	"organization_id" uuid NOT NULL,
	"task" text NOT NULL,
	"last_ok_at" timestamp with time zone,
	"last_failed_at" timestamp with time zone,
	"last_error" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_task_status_organization_id_task_pk" PRIMARY KEY("organization_id","task")
);
--> statement-breakpoint
ALTER TABLE "organization_task_status" ADD CONSTRAINT "organization_task_status_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;