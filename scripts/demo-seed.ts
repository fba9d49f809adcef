import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { cables, infraSites, memberships, odps, organizations, plans, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { ROLES } from '@/lib/auth/permissions';
import { periodOf } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import { convertLead, createLead } from '@/lib/customers/leads';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { cableGeometry } from '@/lib/infrastructure/cable-path';
import type { CablePath, CableType } from '@/lib/infrastructure/constants';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { DEMO_DOMAIN, DEMO_ORG_SLUG, DEMO_PASSWORD, demoEmail } from '@/lib/platform/demo-constants';
import { hashPassword } from '@/lib/users/password';
import { seedDemoYear } from './demo-bulk';
import { seedDemoFibre } from './demo-fibre';
import { seedDemoField } from './demo-field';
import { seedDemoInbox } from './demo-inbox';
import { seedDemoInventory } from './demo-inventory';
import { seedDemoShop } from './demo-shop';

export { DEMO_DOMAIN, DEMO_PASSWORD, demoEmail } from '@/lib/platform/demo-constants';

/**
 * One demo ISP with a user per role (`admin@demo.jaring.id` …). Does nothing if it exists,
 * beyond making sure no demo account is a platform super admin: the "super admin" demo login
 * is a super admin of the demo organization only (a membership role; see lib/auth/context).
 */
export async function seedDemo(db: Database) {
  const [existing] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORG_SLUG));
  if (existing) {
    await demoteDemoAccounts(db);
    return { created: false, organizationId: existing.id };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values({ name: 'Jaring Demo Net', slug: DEMO_ORG_SLUG }).returning();
    for (const role of ROLES) {
      const [user] = await tx
        .insert(users)
        .values({ email: demoEmail(role), name: `Demo ${role.replace('_', ' ')}`, passwordHash })
        .onConflictDoNothing()
        .returning();
      if (!user) continue;
      await tx.insert(memberships).values({ organizationId: org!.id, userId: user.id, role });
      if (role === 'technician') await ensureTechnicianBag(tx, { orgId: org!.id, userId: user.id });
    }
    await seedNetwork(tx, org!.id);
    await seedBusiness(tx, org!.id, org!.timezone);
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

/**
 * The bulk around the hand-made records: a year of customers, invoices and payments, two
 * stand-in routers, vouchers and the reseller's wallet, tickets and work orders
 * (scripts/demo-bulk.ts, demo-shop.ts, demo-field.ts).
 */
async function seedBusiness(db: Db, orgId: string, timezone: string) {
  const byRole = async (role: (typeof ROLES)[number]) => {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail(role)));
    return u!.id;
  };
  const demoUsers = {
    sales: await byRole('sales'),
    operator: await byRole('operator'),
    finance: await byRole('finance'),
    reseller: await byRole('reseller'),
  };
  await seedDemoYear(db, { orgId, timezone, users: demoUsers });
  await seedDemoShop(db, { orgId, admin: await byRole('admin'), users: demoUsers });
  await seedDemoField(db, {
    orgId,
    timezone,
    users: { noc: await byRole('noc'), sales: demoUsers.sales, technician: await byRole('technician') },
  });
  await seedDemoInventory(db, {
    orgId,
    warehouseUser: await byRole('warehouse'),
    technician: await byRole('technician'),
  });
  await seedDemoFibre(db, { orgId, noc: await byRole('noc') });
  await seedDemoInbox(db, { orgId, staffUserId: await byRole('operator') });
}

/** Installs seeded before demo accounts lost the platform flag (also a migration, 0008). */
export async function demoteDemoAccounts(db: Database) {
  await db.execute(
    sql`update users set is_super_admin = false where email like ${`%@${DEMO_DOMAIN}`} and is_super_admin`,
  );
  await db.execute(sql`
    update memberships m set role = 'super_admin'
    from users u, organizations o
    where u.id = m.user_id and o.id = m.organization_id and o.slug = ${DEMO_ORG_SLUG} and u.email = ${demoEmail('super_admin')}`);
}

/** Plans, ODPs around Bandung, and a handful of customers in every status. */
async function seedNetwork(db: Database | Parameters<Parameters<Database['transaction']>[0]>[0], orgId: string) {
  const [basic, home] = await db
    .insert(plans)
    .values([
      {
        organizationId: orgId,
        name: 'Paket 10 Mbps',
        downloadKbps: 10240,
        uploadKbps: 5120,
        priceRupiah: 110_000,
        billingType: 'prepaid',
        routerProfile: 'pppoe-10M',
      },
      {
        organizationId: orgId,
        name: 'Paket 20 Mbps',
        downloadKbps: 20480,
        uploadKbps: 10240,
        priceRupiah: 166_500,
        taxable: true,
        routerProfile: 'pppoe-20M',
      },
      {
        organizationId: orgId,
        name: 'Paket 50 Mbps',
        downloadKbps: 51200,
        uploadKbps: 25600,
        priceRupiah: 277_500,
        taxable: true,
        routerProfile: 'pppoe-50M',
        burst: '60M/60M 40M/40M 16/16',
      },
    ])
    .returning();
  const odcs = await seedInfrastructure(db, orgId);
  await db.insert(odps).values([
    {
      organizationId: orgId,
      code: 'ODP-MLT-01',
      name: 'Tiang Jl. Melati',
      latitude: -6.9147,
      longitude: 107.6098,
      totalPorts: 8,
      splitterRatio: '1:8',
      odcId: odcs.rw05,
      area: 'RW 05',
    },
    {
      organizationId: orgId,
      code: 'ODP-MLT-02',
      name: 'Gg. Mawar',
      latitude: -6.9162,
      longitude: 107.6121,
      totalPorts: 16,
      splitterRatio: '1:16',
      odcId: odcs.rw05,
      area: 'RW 05',
    },
    {
      organizationId: orgId,
      code: 'ODP-ASR-01',
      name: 'Perum Griya Asri',
      latitude: -6.9201,
      longitude: 107.6045,
      totalPorts: 8,
      splitterRatio: '1:8',
      odcId: odcs.rw07,
      area: 'RW 07',
    },
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
        name,
        phone: `62${phone.slice(1)}`,
        address,
        area,
        notes: null,
        latitude: (nearAsri ? -6.9201 : -6.915) + i * 0.0002,
        longitude: (nearAsri ? 107.6047 : 107.6101) + i * 0.0001,
        planId: i % 2 ? home!.id : basic!.id,
        billingType: i % 2 ? 'postpaid' : 'prepaid',
      },
    });
    const { subscription } = await convertLead(db, {
      ...actor,
      leadId: lead.id,
      serviceUsername: name.split(' ')[0]!.toLowerCase() + (101 + i),
      servicePassword: 'demo1234',
    });
    const path = {
      pending: [],
      active: ['active'],
      isolated: ['active', 'isolated'],
      suspended: ['active', 'suspended'],
    }[status];
    for (const to of path) {
      await transitionSubscription(db, {
        ...actor,
        subscriptionId: subscription.id,
        to: to as 'active',
        reason: 'demo',
      });
    }
  }
  // Each demo subscription sits on its own port of the ODP the coverage check gave it.
  await db.execute(sql`
    update subscriptions s set odp_port = n.port
    from (select id, row_number() over (partition by odp_id order by created_at, id)::int as port
          from subscriptions where organization_id = ${orgId} and odp_id is not null and status <> 'terminated') n
    where s.id = n.id`);
  // The demo customers have been online for months: bill them for this month.
  await db.execute(
    sql`update subscriptions set activated_at = now() - interval '90 days' where organization_id = ${orgId} and activated_at is not null`,
  );
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  await runBilling(db, { orgId, period: periodOf(new Date(), org!.timezone), actorUserId: null });
  await createLead(db, {
    ...actor,
    resellerUserId: null,
    input: {
      name: 'Hendra Wijaya',
      phone: '6281355556666',
      address: 'Jl. Kenanga No. 21',
      area: 'RW 05',
      notes: 'Minta pasang akhir pekan',
      latitude: -6.9155,
      longitude: 107.611,
      planId: home!.id,
      billingType: 'postpaid',
    },
  });
}

/**
 * The map's demo network: a POP with its OLT, two ODC cabinets, a few poles, the feeder
 * cables from the OLT and the distribution cables to the ODPs (drawn along the streets).
 */
async function seedInfrastructure(db: Database | Parameters<Parameters<Database['transaction']>[0]>[0], orgId: string) {
  const site = (
    kind: 'pop' | 'olt' | 'odc' | 'pole',
    code: string,
    name: string,
    latitude: number,
    longitude: number,
    capacity: number | null,
    area: string,
  ) => ({ organizationId: orgId, kind, code, name, latitude, longitude, capacity, area });
  const rows = await db
    .insert(infraSites)
    .values([
      site('pop', 'POP-BDG-01', 'POP Bandung Wetan', -6.9121, 107.6068, null, 'RW 03'),
      site('olt', 'OLT-01', 'ZTE C320 POP Wetan', -6.9122, 107.6069, 16, 'RW 03'),
      site('odc', 'ODC-RW05', 'ODC Jl. Melati', -6.914, 107.609, 48, 'RW 05'),
      site('odc', 'ODC-RW07', 'ODC Griya Asri', -6.9185, 107.6052, 24, 'RW 07'),
      site('pole', 'TG-001', 'Tiang PLN depan masjid', -6.9131, 107.6079, null, 'RW 03'),
      site('pole', 'TG-002', 'Tiang Jl. Melati ujung', -6.9153, 107.6107, null, 'RW 05'),
    ])
    .returning({ id: infraSites.id, code: infraSites.code });
  const id = (code: string) => rows.find((r) => r.code === code)!.id;
  const cable = (
    code: string,
    name: string,
    cableType: CableType,
    coreCount: number,
    path: CablePath,
    area: string,
  ) => ({ organizationId: orgId, code, name, cableType, coreCount, path, ...cableGeometry(path), area });
  await db.insert(cables).values([
    cable(
      'FDR-01',
      'Feeder OLT-01 → ODC-RW05',
      'feeder',
      48,
      [
        [-6.9122, 107.6069],
        [-6.9131, 107.6079],
        [-6.914, 107.609],
      ],
      'RW 05',
    ),
    cable(
      'FDR-02',
      'Feeder OLT-01 → ODC-RW07',
      'feeder',
      24,
      [
        [-6.9122, 107.6069],
        [-6.915, 107.606],
        [-6.9185, 107.6052],
      ],
      'RW 07',
    ),
    cable(
      'DST-01',
      'Distribusi ODC-RW05 → ODP-MLT-01',
      'distribution',
      12,
      [
        [-6.914, 107.609],
        [-6.9147, 107.6098],
      ],
      'RW 05',
    ),
    cable(
      'DST-02',
      'Distribusi ODC-RW05 → ODP-MLT-02',
      'distribution',
      12,
      [
        [-6.914, 107.609],
        [-6.9153, 107.6107],
        [-6.9162, 107.6121],
      ],
      'RW 05',
    ),
    cable(
      'DST-03',
      'Distribusi ODC-RW07 → ODP-ASR-01',
      'distribution',
      12,
      [
        [-6.9185, 107.6052],
        [-6.9201, 107.6045],
      ],
      'RW 07',
    ),
  ]);
  return { rw05: id('ODC-RW05'), rw07: id('ODC-RW07') };
}
