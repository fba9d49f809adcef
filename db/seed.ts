import { eq, sql } from 'drizzle-orm';
import { periodOf } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import type { Database } from './client';
import { memberships, organizations, users } from './schema';
import { ROLES } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record';
import { convertLead, createLead } from '@/lib/customers/leads';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { hashPassword } from '@/lib/users/password';
import { odps, plans } from './schema';

export const DEMO_PASSWORD = 'jaring123';
export const DEMO_DOMAIN = 'demo.jaring.id';
export const demoEmail = (role: string) => `${role.replace('_', '')}@${DEMO_DOMAIN}`;

/** One demo ISP with a user per role (`admin@demo.jaring.id` …). Does nothing if it exists. */
export async function seedDemo(db: Database) {
  const [existing] = await db.select().from(organizations).where(eq(organizations.slug, 'demo'));
  if (existing) return { created: false, organizationId: existing.id };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values({ name: 'Jaring Demo Net', slug: 'demo' }).returning();
    for (const role of ROLES) {
      const [user] = await tx
        .insert(users)
        .values({
          email: demoEmail(role),
          name: `Demo ${role.replace('_', ' ')}`,
          passwordHash,
          isSuperAdmin: role === 'super_admin',
        })
        .onConflictDoNothing()
        .returning();
      if (!user) continue;
      // A super admin is a platform flag; in the demo organization they also sit as admin.
      await tx.insert(memberships).values({ organizationId: org!.id, userId: user.id, role: role === 'super_admin' ? 'admin' : role });
    }
    await seedNetwork(tx, org!.id);
    await recordAudit(tx, {
      orgId: org!.id,
      actorUserId: null,
      action: 'organization.created',
      entityType: 'organization',
      entityId: org!.id,
      data: { name: org!.name, slug: 'demo', source: 'demo seed' },
    });
    return { created: true, organizationId: org!.id };
  });
}

/** Plans, ODPs around Bandung, and a handful of customers in every status. */
async function seedNetwork(db: Database | Parameters<Parameters<Database['transaction']>[0]>[0], orgId: string) {
  const [basic, home] = await db
    .insert(plans)
    .values([
      { organizationId: orgId, name: 'Paket 10 Mbps', downloadKbps: 10240, uploadKbps: 5120, priceRupiah: 110_000, billingType: 'prepaid', routerProfile: 'pppoe-10M' },
      { organizationId: orgId, name: 'Paket 20 Mbps', downloadKbps: 20480, uploadKbps: 10240, priceRupiah: 166_500, taxable: true, routerProfile: 'pppoe-20M' },
      { organizationId: orgId, name: 'Paket 50 Mbps', downloadKbps: 51200, uploadKbps: 25600, priceRupiah: 277_500, taxable: true, routerProfile: 'pppoe-50M', burst: '60M/60M 40M/40M 16/16' },
    ])
    .returning();
  await db.insert(odps).values([
    { organizationId: orgId, code: 'ODP-MLT-01', name: 'Tiang Jl. Melati', latitude: -6.9147, longitude: 107.6098, totalPorts: 8, area: 'RW 05' },
    { organizationId: orgId, code: 'ODP-MLT-02', name: 'Gg. Mawar', latitude: -6.9162, longitude: 107.6121, totalPorts: 16, area: 'RW 05' },
    { organizationId: orgId, code: 'ODP-ASR-01', name: 'Perum Griya Asri', latitude: -6.9201, longitude: 107.6045, totalPorts: 8, area: 'RW 07' },
  ]);
  const people = [
    ['Budi Santoso', '081234567890', 'Jl. Melati No. 5', 'RW 05', 'active'],
    ['Siti Aminah', '081311112222', 'Gg. Mawar No. 12', 'RW 05', 'active'],
    ['Joko Susilo', '081299998888', 'Jl. Melati No. 9', 'RW 05', 'isolated'],
    ['Dewi Lestari', '085712345678', 'Perum Griya Asri B3', 'RW 07', 'active'],
    ['Agus Salim', '087811223344', 'Perum Griya Asri C1', 'RW 07', 'pending'],
    ['Rina Marlina', '089612341234', 'Gg. Mawar No. 3', 'RW 05', 'suspended'],
  ] as const;
  const actor = { orgId, actorUserId: null, ip: null };
  for (const [i, [name, phone, address, area, status]] of people.entries()) {
    const nearAsri = area === 'RW 07';
    const { lead } = await createLead(db, {
      ...actor,
      resellerUserId: null,
      input: {
        name, phone: `62${phone.slice(1)}`, address, area, notes: null,
        latitude: (nearAsri ? -6.9201 : -6.9150) + i * 0.0002,
        longitude: (nearAsri ? 107.6047 : 107.6101) + i * 0.0001,
        planId: i % 2 ? home!.id : basic!.id,
        billingType: i % 2 ? 'postpaid' : 'prepaid',
      },
    });
    const { subscription } = await convertLead(db, { ...actor, leadId: lead.id, serviceUsername: name.split(' ')[0]!.toLowerCase() + (101 + i), servicePassword: 'demo1234' });
    const path = { pending: [], active: ['active'], isolated: ['active', 'isolated'], suspended: ['active', 'suspended'] }[status];
    for (const to of path) {
      await transitionSubscription(db, { ...actor, subscriptionId: subscription.id, to: to as 'active', reason: 'demo' });
    }
  }
  // The demo customers have been online for months: bill them for this month.
  await db.execute(sql`update subscriptions set activated_at = now() - interval '90 days' where organization_id = ${orgId} and activated_at is not null`);
  const [org] = await db.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, orgId));
  await runBilling(db, { orgId, period: periodOf(new Date(), org!.timezone), actorUserId: null });
  await createLead(db, {
    ...actor,
    resellerUserId: null,
    input: { name: 'Hendra Wijaya', phone: '6281355556666', address: 'Jl. Kenanga No. 21', area: 'RW 05', notes: 'Minta pasang akhir pekan', latitude: -6.9155, longitude: 107.6110, planId: home!.id, billingType: 'postpaid' },
  });
}
