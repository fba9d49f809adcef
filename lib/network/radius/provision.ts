import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { nas, organizations, plans, radcheck, radgroupreply, radreply, routers, subscriptions } from '@/db/schema';
import { lockSubscriptions } from '@/lib/core/subscription-lock';
import { decryptSecret } from '@/lib/crypto';
import { nasAddressOf } from '@/lib/network/radius/nas-address';
import { planRateLimit } from '@/lib/network/router-state';

/**
 * What FreeRADIUS reads for an organization's RADIUS-mode routers, kept in its own tables:
 * - `nas`: one client per router (its shared secret in clear: FreeRADIUS needs it so);
 * - a group per plan (`Mikrotik-Rate-Limit`, optional `Framed-Pool`, `Session-Timeout`) and
 *   the organization's isolir group (rate-limit + `Mikrotik-Address-List` for the redirect);
 * - per subscription: `Cleartext-Password` (and a MAC lock, a static address), and one group
 *   membership by status: active -> its plan, isolated -> isolir, suspended -> rejected.
 * Usernames carry the organization's realm, `budi@<slug>`: unique across organizations.
 * Only subscriptions whose router is in RADIUS mode have rows; everything else has none.
 */
export function radiusUsername(serviceUsername: string, orgSlug: string) {
  return `${serviceUsername}@${orgSlug}`;
}

export function planGroupName(plan: { name: string; radiusGroup: string | null }, orgSlug: string) {
  return `${plan.radiusGroup?.trim() || plan.name}@${orgSlug}`;
}

export function isolirGroupName(orgSlug: string) {
  return `isolir@${orgSlug}`;
}

// The same names in SQL (p = plans, o = organizations).
const PLAN_GROUP_SQL = sql`coalesce(nullif(trim(p.radius_group), ''), p.name) || '@' || o.slug`;
const ISOLIR_GROUP_SQL = sql`'isolir@' || o.slug`;

/** The organization's slug: its RADIUS realm (`budi@<slug>`). */
export async function orgSlug(db: Db, orgId: string) {
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new Error(`organization ${orgId} not found`);
  return org.slug;
}

/** Rewrites the reply attributes of the organization's plan groups (all, or some plans). */
export async function writePlanGroups(db: Db, p: { orgId: string; planIds?: string[] }) {
  const slug = await orgSlug(db, p.orgId);
  const list = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, p.orgId), p.planIds ? inArray(plans.id, p.planIds) : undefined));
  if (list.length === 0) return;
  const groups = list.map((plan) => planGroupName(plan, slug));
  await db
    .delete(radgroupreply)
    .where(and(eq(radgroupreply.organizationId, p.orgId), inArray(radgroupreply.groupname, groups)));
  await db.insert(radgroupreply).values(
    list.flatMap((plan) => {
      const groupname = planGroupName(plan, slug);
      const row = (attribute: string, value: string) => ({
        groupname,
        attribute,
        op: ':=',
        value,
        organizationId: p.orgId,
      });
      return [
        row('Mikrotik-Rate-Limit', planRateLimit(plan)),
        ...(plan.framedPool?.trim() ? [row('Framed-Pool', plan.framedPool.trim())] : []),
        ...(plan.sessionTimeoutMinutes ? [row('Session-Timeout', String(plan.sessionTimeoutMinutes * 60))] : []),
      ];
    }),
  );
}

/** A plan's group name changed (its name or RADIUS group): its members follow. */
export async function renamePlanGroup(
  db: Db,
  p: {
    orgId: string;
    before: { name: string; radiusGroup: string | null };
    after: { name: string; radiusGroup: string | null };
  },
) {
  const slug = await orgSlug(db, p.orgId);
  const from = planGroupName(p.before, slug);
  const to = planGroupName(p.after, slug);
  if (from === to) return;
  await db.execute(
    sql`update radusergroup set groupname = ${to} where organization_id = ${p.orgId} and groupname = ${from}`,
  );
  await db
    .delete(radgroupreply)
    .where(and(eq(radgroupreply.organizationId, p.orgId), eq(radgroupreply.groupname, from)));
}

export async function writeIsolirGroup(db: Db, p: { orgId: string; rateLimit: string; addressList: string }) {
  const groupname = isolirGroupName(await orgSlug(db, p.orgId));
  await db
    .delete(radgroupreply)
    .where(and(eq(radgroupreply.organizationId, p.orgId), eq(radgroupreply.groupname, groupname)));
  await db.insert(radgroupreply).values([
    { groupname, attribute: 'Mikrotik-Rate-Limit', op: ':=', value: p.rateLimit, organizationId: p.orgId },
    { groupname, attribute: 'Mikrotik-Address-List', op: ':=', value: p.addressList, organizationId: p.orgId },
  ]);
}

/** The router's client entry: written in RADIUS mode, removed otherwise. */
export async function writeNas(db: Db, p: { orgId: string; routerId: string }) {
  const [router] = await db
    .select()
    .from(routers)
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!router) return;
  if (router.mode !== 'radius' || !router.radiusSecretEnc) {
    await db.delete(nas).where(and(eq(nas.routerId, p.routerId), eq(nas.organizationId, p.orgId)));
    return;
  }
  // An upsert: a save and the router's sync job may write the same client at once.
  const slug = await orgSlug(db, p.orgId);
  const client = {
    nasname: nasAddressOf(router.nasAddress ?? router.host) ?? (router.nasAddress ?? router.host).trim().toLowerCase(),
    // FreeRADIUS's realm policy (deploy/freeradius/jaring) reads the client's organization
    // here: this NAS may only log in and account for `…@<slug>`. Never the router's name,
    // which the tenant chooses.
    shortname: slug,
    type: 'other',
    secret: decryptSecret(router.radiusSecretEnc),
    description: `Jaring router ${router.id}: ${router.name}`,
    organizationId: p.orgId,
  };
  await db
    .insert(nas)
    .values({ ...client, routerId: router.id })
    .onConflictDoUpdate({ target: nas.routerId, set: client });
}

/** Subscriptions matched by `where` (on subscriptions `s`) that are on a RADIUS-mode router. */
const onRadiusRouter = (orgId: string, where: SQL) => sql`
  select s.id from subscriptions s join routers r on r.id = s.router_id and r.mode = 'radius'
  where s.organization_id = ${orgId} and ${where}`;

/**
 * Credentials of the subscriptions matched by `where`: rewritten for those on a RADIUS
 * router (the password is decrypted here, so this runs in the app, 5,000 at a time), and
 * removed for every other match (moved off RADIUS, or no router).
 */
export async function writeCredentials(db: Db, p: { orgId: string; where: SQL }) {
  // Locked first: a router sync that meets a status change in flight waits for it, then
  // writes from the status it committed (else an isolated customer could keep the plan group).
  await lockSubscriptions(db, p);
  const slug = await orgSlug(db, p.orgId);
  const matched = sql`select s.id from subscriptions s where s.organization_id = ${p.orgId} and ${p.where}`;
  await db.execute(sql`delete from radcheck where subscription_id in (${matched}) and attribute <> 'Auth-Type'`);
  await db.execute(sql`delete from radreply where subscription_id in (${matched})`);
  const rows = await db
    .select({
      id: subscriptions.id,
      username: subscriptions.serviceUsername,
      passwordEnc: subscriptions.servicePasswordEnc,
      status: subscriptions.status,
      callerId: subscriptions.callerId,
      remoteAddress: subscriptions.remoteAddress,
    })
    .from(subscriptions)
    .where(
      sql`${subscriptions.id} in (${onRadiusRouter(p.orgId, p.where)}) and ${subscriptions.status} in ('active', 'isolated', 'suspended')`,
    );
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const check = chunk.flatMap((s) => {
      const username = radiusUsername(s.username, slug);
      return [
        {
          username,
          attribute: 'Cleartext-Password',
          op: ':=',
          value: decryptSecret(s.passwordEnc),
          organizationId: p.orgId,
          subscriptionId: s.id,
        },
        ...(s.callerId
          ? [
              {
                username,
                attribute: 'Calling-Station-Id',
                op: '==',
                value: s.callerId,
                organizationId: p.orgId,
                subscriptionId: s.id,
              },
            ]
          : []),
      ];
    });
    await db.insert(radcheck).values(check);
    const reply = chunk
      .filter((s) => s.remoteAddress)
      .map((s) => ({
        username: radiusUsername(s.username, slug),
        attribute: 'Framed-IP-Address',
        op: ':=',
        value: s.remoteAddress!,
        organizationId: p.orgId,
        subscriptionId: s.id,
      }));
    if (reply.length) await db.insert(radreply).values(reply);
  }
  return rows.length;
}

/**
 * Group membership by status for the subscriptions matched by `where`, set-based (the
 * isolation pass runs it for thousands at once): active -> plan group, isolated -> isolir
 * group, suspended -> `Auth-Type := Reject`; pending and terminated lose every row.
 */
export async function applyRadiusStatus(db: Db, p: { orgId: string; where: SQL }) {
  await lockSubscriptions(db, p);
  const matched = sql`select s.id from subscriptions s where s.organization_id = ${p.orgId} and ${p.where}`;
  await db.execute(sql`delete from radusergroup where subscription_id in (${matched})`);
  await db.execute(sql`delete from radcheck where subscription_id in (${matched}) and attribute = 'Auth-Type'`);
  await db.execute(sql`
    delete from radcheck where subscription_id in (
      select s.id from subscriptions s where s.organization_id = ${p.orgId} and ${p.where} and s.status in ('pending', 'terminated'))`);
  await db.execute(sql`
    delete from radreply where subscription_id in (
      select s.id from subscriptions s where s.organization_id = ${p.orgId} and ${p.where} and s.status in ('pending', 'terminated'))`);
  await db.execute(sql`
    insert into radusergroup (username, groupname, priority, organization_id, subscription_id)
    select s.service_username || '@' || o.slug,
      case when s.status = 'isolated' then ${ISOLIR_GROUP_SQL} else ${PLAN_GROUP_SQL} end, 1, s.organization_id, s.id
    from subscriptions s
    join routers r on r.id = s.router_id and r.mode = 'radius'
    join plans p on p.id = s.plan_id
    join organizations o on o.id = s.organization_id
    where s.organization_id = ${p.orgId} and ${p.where} and s.status in ('active', 'isolated')`);
  await db.execute(sql`
    insert into radcheck (username, attribute, op, value, organization_id, subscription_id)
    select s.service_username || '@' || o.slug, 'Auth-Type', ':=', 'Reject', s.organization_id, s.id
    from subscriptions s
    join routers r on r.id = s.router_id and r.mode = 'radius'
    join organizations o on o.id = s.organization_id
    where s.organization_id = ${p.orgId} and ${p.where} and s.status = 'suspended'`);
}

/** One subscription, after any change to it (status, plan, router, password, addresses). */
export async function provisionSubscription(db: Db, p: { orgId: string; subscriptionId: string }) {
  // Nothing to do (one query) unless it is on a RADIUS router or still has rows from one.
  const [needed] = await db.execute<{ yes: boolean }>(sql`
    select exists (select 1 from subscriptions s join routers r on r.id = s.router_id and r.mode = 'radius'
                   where s.id = ${p.subscriptionId} and s.organization_id = ${p.orgId})
        or exists (select 1 from radusergroup where subscription_id = ${p.subscriptionId})
        or exists (select 1 from radcheck where subscription_id = ${p.subscriptionId}) as yes`);
  if (!needed?.yes) return;
  const where = sql`s.id = ${p.subscriptionId}`;
  await writeCredentials(db, { orgId: p.orgId, where });
  await applyRadiusStatus(db, { orgId: p.orgId, where });
}

/**
 * Everything FreeRADIUS needs for one router: its client, the plan and isolir groups, and
 * every subscription on it. In API mode it removes the router's rows instead.
 */
export async function provisionRouterRadius(db: Db, p: { orgId: string; routerId: string }) {
  const [router] = await db
    .select()
    .from(routers)
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!router) throw new Error('router not found');
  await writeNas(db, p);
  const where = sql`s.router_id = ${p.routerId}`;
  if (router.mode === 'radius') {
    await writePlanGroups(db, { orgId: p.orgId });
    await writeIsolirGroup(db, {
      orgId: p.orgId,
      rateLimit: router.isolirRateLimit,
      addressList: router.isolirAddressList,
    });
  }
  const subscriptionsWithRows = await writeCredentials(db, { orgId: p.orgId, where });
  await applyRadiusStatus(db, { orgId: p.orgId, where });
  return { mode: router.mode, subscriptions: subscriptionsWithRows };
}
