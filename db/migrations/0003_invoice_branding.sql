ALTER TABLE "billing_settings" ADD COLUMN "invoice_number_format" text DEFAULT '{prefix}/{yyyy}{mm}/{seq}' NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD COLUMN "logo_path" text;