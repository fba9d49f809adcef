-- Demo accounts (public passwords) are never platform super admins: installs seeded before
-- this change had superadmin@demo.jaring.id flagged. It stays "super admin" of the demo
-- organization only, as a membership role (lib/auth/context.ts treats it as that org's admin).
UPDATE "users" SET "is_super_admin" = false WHERE "email" LIKE '%@demo.jaring.id' AND "is_super_admin";
--> statement-breakpoint
UPDATE "memberships" m SET "role" = 'super_admin'
FROM "users" u, "organizations" o
WHERE u."id" = m."user_id" AND o."id" = m."organization_id" AND o."slug" = 'demo' AND u."email" = 'superadmin@demo.jaring.id';
