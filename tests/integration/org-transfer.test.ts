import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createDecipheriv, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Database } from '@/db/client';
import {
  infraSites,
  jobs,
  oltPonPorts,
  olts,
  organizations,
  paymentGateways,
  portalAccounts,
  subscriptions,
  users,
  whatsappAuthState,
} from '@/db/schema';
import { runBilling } from '@/lib/billing/run';
import { allocateCustomerNumbers } from '@/lib/core/customer-search';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { exportOrganization } from '@/lib/org-transfer/export';
import { exportDownload, requestExport, runExportJob } from '@/lib/org-transfer/exports';
import { tablePlan } from '@/lib/org-transfer/graph';
import { importOrganization } from '@/lib/org-transfer/import';
import { inspectExport } from '@/lib/org-transfer/inspect';
import type { KdfParams } from '@/lib/org-transfer/manifest';
import type { Row } from '@/lib/org-transfer/plan';
import { scopeOf } from '@/lib/org-transfer/rows';
import { deriveKey, newKdf } from '@/lib/org-transfer/secrets';
import { ZipReader, ZipWriter } from '@/lib/org-transfer/zip';
import { AppError } from '@/lib/server/errors';
import { verifyPassword } from '@/lib/users/password';
import { ensureDatabase } from '@/scripts/embedded-postgres';
import { migrateDatabase } from '@/scripts/migrate-lib';
import { makeCustomerWorld, makeMember, makeOrg, makeRouter, PASSWORD, TEST_FILES, testDb } from '../helpers';
import { makeApiKeyWorld } from '../support/api-keys';
import { makeStockWorld } from '../support/inventory-moves';
import { makeMessagingWorld } from '../support/messaging-world';
import { makeTicketWorld } from '../support/tickets';
import { makeWalletWorld } from '../support/wallet';
import { makeWebhookWorld } from '../support/webhooks';
import { makeInstallationWorld } from '../support/workorders';

/**
 * The round trip between two installs: an organization with a spread of everything is exported
 * from the test database and imported, by `npm run org:import`, into a second database on the
 * same server that has its own encryption key and files folder; every exported table must
 * then hold the same rows there.
 */
const db = testDb();
const PASSPHRASE = 'kuda-lumping-terbang-42';
const TARGET_KEY = Buffer.alloc(32, 7).toString('base64url');
const work = mkdtempSync(path.join(os.tmpdir(), 'org-transfer-'));
const targetFiles = path.join(work, 'target-files');
const targetName = `jaring_orgx_${process.pid}`;
const targetUrl = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${targetName}` }).toString();
let target: { db: Database; client: postgres.Sql };

let world: {
  orgId: string;
  slug: string;
  linkedEmail: string;
  servicePassword: string;
  technicianUserId: string;
  pendingSubscriptionId: string;
};
const zips = { plain: path.join(work, 'plain.zip'), sealed: path.join(work, 'sealed.zip') };

/** lib/crypto's format, with any key (the target install's). */
function decryptWith(key: string, stored: string) {
  const [, iv, tag, data] = stored.split('.');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), Buffer.from(iv!, 'base64url'));
  d.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(data!, 'base64url')), d.final()]).toString('utf8');
}

async function makeWorld() {
  const { org, admin } = await makeOrg(db, 'xfer');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
  const stock = await makeStockWorld(db, org.id, admin.user.id, { units: 2 });
  await makeTicketWorld(db, org.id, admin.user.id, w.customer.id);
  const installation = await makeInstallationWorld(db, org.id, admin.user.id);
  const wa = await makeMessagingWorld(db, org.id, w.customer.id, 'X');
  await makeWebhookWorld(db, org.id, admin.user.id, 'X');
  await makeApiKeyWorld(db, org.id, admin.user.id, 'X');
  await makeWalletWorld(db, org.id, admin.user.id);
  // A RADIUS-mode router serving the subscription: FreeRADIUS's rows are rebuilt on import.
  const router = await makeRouter(
    db,
    org.id,
    { host: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`, port: 8728 },
    { mode: 'radius', radiusSecret: 'radius-rahasia' },
  );
  await db.update(subscriptions).set({ routerId: router.id }).where(eq(subscriptions.id, w.subscription.id));
  await db.insert(paymentGateways).values({
    organizationId: org.id,
    gateway: 'tripay',
    enabled: true,
    credentialsEnc: encryptSecret(JSON.stringify({ merchantCode: 'T1', apiKey: 'tripay-key', privateKey: 'priv' })),
    credentialHints: { merchantCode: 'T1', apiKey: 't••••y' },
  });
  // An OLT on a site, its PON port feeding an ODC below that site: a cycle of keys.
  const [oltSite] = await db
    .insert(infraSites)
    .values({ organizationId: org.id, kind: 'olt', code: 'OLT-1', name: 'OLT', latitude: -6.9, longitude: 107.6 })
    .returning();
  const [olt] = await db
    .insert(olts)
    .values({
      organizationId: org.id,
      name: 'C320',
      vendor: 'zte',
      host: '192.0.2.10',
      port: 23,
      username: 'zte',
      passwordEnc: encryptSecret('olt-rahasia'),
      snmpCommunityEnc: encryptSecret('public-x'),
      siteId: oltSite!.id,
      template: {} as never,
    })
    .returning();
  const [port] = await db
    .insert(oltPonPorts)
    .values({ organizationId: org.id, oltId: olt!.id, slot: 1, port: 1, name: 'gpon-olt_1/1/1' })
    .returning();
  await db.insert(infraSites).values({
    organizationId: org.id,
    kind: 'odc',
    code: 'ODC-1',
    name: 'ODC',
    latitude: -6.91,
    longitude: 107.61,
    parentSiteId: oltSite!.id,
    ponPortId: port!.id,
  });
  await db
    .insert(whatsappAuthState)
    .values({ sessionId: wa.spare.id, key: 'creds', valueEnc: encryptSecret('{"a":1}') });
  await db
    .insert(portalAccounts)
    .values({ customerId: w.customer.id, organizationId: org.id, passwordHash: '$2b$10$x' });
  await db
    .update(users)
    .set({ totpSecretEnc: encryptSecret('JBSWY3DPEHPK3PXP'), totpEnabledAt: new Date() })
    .where(eq(users.id, admin.user.id));
  // Files live in FILES_DIR/<organization>/ (the payment slips were filed in the tests' own folder).
  const filesDir = env().FILES_DIR;
  if (existsSync(path.join(TEST_FILES, org.id)))
    cpSync(path.join(TEST_FILES, org.id), path.join(filesDir, org.id), { recursive: true });
  writeFileSync(path.join(filesDir, org.id, 'branding-note.txt'), 'logo soon');
  await db.update(organizations).set({ logoPath: null }).where(eq(organizations.id, org.id));
  const linked = await makeMember(db, org.id, 'noc');
  void actor;
  return {
    orgId: org.id,
    slug: org.slug,
    linkedEmail: linked.user.email,
    servicePassword: 'rahasia1',
    technicianUserId: stock.techUserId,
    pendingSubscriptionId: installation.subscription.id,
  };
}

before(async () => {
  world = await makeWorld();
  const kdf = newKdf();
  await exportOrganization(db, {
    orgId: world.orgId,
    filesDir: env().FILES_DIR,
    outFile: zips.plain,
    passphrase: null,
  });
  await exportOrganization(db, {
    orgId: world.orgId,
    filesDir: env().FILES_DIR,
    outFile: zips.sealed,
    passphrase: { key: await deriveKey(PASSPHRASE, kdf), kdf },
  });
  await ensureDatabase(process.env.DATABASE_URL!, targetName);
  await migrateDatabase(targetUrl);
  target = createDb(targetUrl, { max: 3 });
  // The target install already knows one of the members (by email): the import links to them.
  await target.db.insert(users).values({ email: world.linkedEmail, name: 'Sudah Ada', passwordHash: 'x' });
});

after(async () => {
  await target?.client.end({ timeout: 1 });
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${targetName}" with (force)`);
  await admin.end();
});

async function entries(file: string) {
  const zip = await ZipReader.open(file);
  const manifest = JSON.parse(await zip.text('manifest.json', 1 << 22));
  const texts = new Map<string, string>();
  for (const name of zip.names.keys())
    if (name.startsWith('data/') || name.startsWith('csv/')) texts.set(name, await zip.text(name, 1 << 26));
  zip.close();
  return { manifest, texts };
}

function cli(args: string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/org-import.ts', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: targetUrl,
      APP_ENCRYPTION_KEY: TARGET_KEY,
      FILES_DIR: targetFiles,
      APP_URL: 'https://baru.example.id',
    },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

const rowsOf = async (d: Database, name: string) => {
  const t = tablePlan().find((x) => x.name === name)!;
  const order = sql.join(
    t.key.map((k) => sql`t.${sql.identifier(k)}`),
    sql`, `,
  );
  const rows = await d.execute<{ j: Row }>(
    sql`select row_to_json(t) as j from ${sql.identifier(name)} t where ${scopeOf(t, { orgId: world.orgId, slug: world.slug })} order by ${order}`,
  );
  return [...rows].map((r) => r.j);
};

describe('an organization moves to another install', () => {
  test('without a passphrase the ZIP holds no secret: no ciphertext, no hash, no password', async () => {
    const { manifest, texts } = await entries(zips.plain);
    assert.equal(manifest.secrets, 'absent');
    assert.ok(texts.has('csv/customers.csv') && texts.get('csv/customers.csv')!.includes('Joko Widodo'));
    assert.ok(!texts.get('csv/subscriptions.csv')!.includes('service_password_enc'));
    for (const [name, text] of texts) {
      assert.doesNotMatch(text, /"v1\.[\w-]{16}\.[\w-]{22}\./, `${name} holds this install's ciphertext`);
      assert.doesNotMatch(text, /\$2[aby]\$\d\d\$/, `${name} holds a password hash`);
      assert.doesNotMatch(text, /"p1\./, `${name} holds a sealed value`);
    }
    for (const column of ['"secret_hash"', '"password_hash"', '"totp_secret_enc"', '"service_password_enc"'])
      assert.ok(![...texts.values()].some((t) => t.includes(column)), column);
    assert.ok(!texts.has('data/whatsapp_auth_state.jsonl') && !texts.has('data/portal_accounts.jsonl'));
    assert.ok(manifest.files.count >= 3, JSON.stringify(manifest.files));
  });

  test('the dry run on the target says what it holds, who is linked, and that the passphrase opens it', async () => {
    const seen = await inspectExport(target.db, { file: zips.sealed, passphrase: PASSPHRASE });
    assert.equal(seen.canImport, true);
    assert.equal(seen.passphrase, 'ok');
    assert.deepEqual(seen.linkedUsers, [world.linkedEmail]);
    assert.ok(seen.rows > 50 && seen.tables.some((t) => t.name === 'stock_moves'));
    await assert.rejects(
      inspectExport(target.db, { file: zips.sealed, passphrase: 'salah-sama-sekali' }),
      (e) => e instanceof AppError && e.code === 'passphrase_wrong',
    );
  });

  test('imported by the CLI with the passphrase, every table holds the same rows', async () => {
    const passFile = path.join(work, 'pass.txt');
    writeFileSync(passFile, `${PASSPHRASE}\n`);
    const r = await cli([zips.sealed, '--passphrase-file', passFile]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /imported ".*" as xfer-/);
    const userMap = await mappedUsers();
    for (const t of tablePlan()) {
      let [source, copy] = [await rowsOf(db, t.name), await rowsOf(target.db, t.name)];
      if (t.name === 'audit_logs') copy = copy.filter((r) => r.action !== 'org_transfer.imported');
      assert.equal(copy.length, source.length, `${t.name}: ${copy.length} rows, not ${source.length}`);
      const plain = (row: Row, mapUsers: boolean) => {
        const out = { ...row };
        for (const c of [...t.serial, ...Object.keys(t.secretColumns), ...(t.jsonSecrets ?? [])]) delete out[c];
        for (const c of Object.keys(t.reset ?? {})) delete out[c];
        if (mapUsers) for (const c of t.users) if (typeof out[c] === 'string') out[c] = userMap.get(out[c] as string);
        if (mapUsers && t.name === 'audit_logs' && out.entity_type === 'user')
          out.entity_id = userMap.get(out.entity_id as string) ?? out.entity_id;
        return out;
      };
      assert.deepEqual(
        copy.map((r) => plain(r, false)),
        source.map((r) => plain(r, true)),
        t.name,
      );
      // Secrets: the same plain values, now under the target's key.
      for (const [column, kind] of Object.entries(t.secretColumns)) {
        source.forEach((row, i) => {
          const [from, to] = [row[column], copy[i]![column]];
          if (from === null || kind === 'hash') assert.equal(to, from, `${t.name}.${column}`);
          else assert.equal(decryptWith(TARGET_KEY, String(to)), decryptWith(env().APP_ENCRYPTION_KEY, String(from)));
        });
      }
    }
    // The service password works in the target's RADIUS, rebuilt for the RADIUS-mode router.
    const [radius] = await target.db.execute<{ value: string }>(
      sql`select value from radcheck where organization_id = ${world.orgId} and attribute = 'Cleartext-Password'`,
    );
    assert.equal(radius?.value, world.servicePassword);
    // The admin's authenticator came along, usable with the target's key.
    const [admin] = await target.db.execute<{ totp: string }>(
      sql`select u.totp_secret_enc as totp from users u join memberships m on m.user_id = u.id
          where m.organization_id = ${world.orgId} and m.role = 'admin'`,
    );
    assert.equal(decryptWith(TARGET_KEY, admin!.totp), 'JBSWY3DPEHPK3PXP');
  });

  test('the files are there, and numbers continue after the imported ones', async () => {
    const paths = await target.db.execute<{ p: string }>(sql`
      select path as p from ticket_attachments where organization_id = ${world.orgId}
      union all select proof_path from payments where organization_id = ${world.orgId} and proof_path is not null
      union all select proof_path from wallet_topup_requests where organization_id = ${world.orgId} and proof_path is not null`);
    assert.ok(paths.length >= 4);
    for (const { p } of paths)
      assert.deepEqual(readFileSync(path.join(targetFiles, p)), readFileSync(path.join(env().FILES_DIR, p)), p);
    const [last] = await db.execute<{ n: number }>(
      sql`select last_number as n from customer_counters where organization_id = ${world.orgId}`,
    );
    assert.deepEqual(await allocateCustomerNumbers(target.db, world.orgId), [last!.n + 1]);
    // The next invoices of the imported month take the numbers after the imported ones.
    const [counter] = await db.execute<{ n: number }>(
      sql`select last_number as n from invoice_counters where organization_id = ${world.orgId} and period = '2026-11-01'`,
    );
    await target.db
      .update(subscriptions)
      .set({ status: 'active', activatedAt: new Date('2026-06-01T03:00:00Z') })
      .where(eq(subscriptions.id, world.pendingSubscriptionId));
    const report = await runBilling(target.db, { orgId: world.orgId, period: '2026-11-01', actorUserId: null });
    assert.ok(report.issued >= 1);
    const issued = await target.db.execute<{ number: string }>(
      sql`select number from invoices where organization_id = ${world.orgId} and period = '2026-11-01' order by number`,
    );
    const seqs = [...issued].map((r) => Number(r.number.split('/').at(-1)));
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => i + 1),
    );
    assert.ok(seqs.length > counter!.n);
    const [moves] = await target.db.execute<{ n: number }>(
      sql`select count(*)::int as n from stock_moves where organization_id = ${world.orgId}`,
    );
    assert.ok(moves!.n >= 3);
  });

  test('importing it twice is refused clearly, before anything is written', async () => {
    const r = await cli([zips.sealed]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /already on this install/i);
  });

  test('without the passphrase the secrets stay out: placeholders nobody knows, keys revoked, links to set a password', async () => {
    // The organization leaves the target again, with the people who came with it.
    const emails = (await inspectExport(target.db, { file: zips.plain })).linkedUsers;
    await target.db.delete(organizations).where(eq(organizations.id, world.orgId));
    await target.db.execute(
      sql`delete from users where email in (select jsonb_array_elements_text(${JSON.stringify(emails.filter((e) => e !== world.linkedEmail))}::jsonb))`,
    );
    const result = await importOrganization(target.db, {
      file: zips.plain,
      filesDir: path.join(work, 'plain-files'),
      key: null,
      slug: `${world.slug}-baru`,
      appUrl: 'https://baru.example.id',
    });
    assert.equal(result.slug, `${world.slug}-baru`);
    assert.equal(result.linkedUsers, 1);
    assert.ok(result.links.length > 0 && result.links.length <= result.newUsers);
    assert.ok(result.links.every((l) => l.url.startsWith('https://baru.example.id/reset/')));
    const [sub] = await target.db.select().from(subscriptions).where(eq(subscriptions.organizationId, world.orgId));
    assert.notEqual(decryptWith(env().APP_ENCRYPTION_KEY, sub!.servicePasswordEnc), world.servicePassword);
    const [gateway] = await target.db
      .select()
      .from(paymentGateways)
      .where(eq(paymentGateways.organizationId, world.orgId));
    assert.equal(gateway!.enabled, false);
    assert.deepEqual(gateway!.credentialHints, {});
    const [key] = await target.db.execute<{ revoked: boolean }>(
      sql`select revoked_at is not null as revoked from api_keys where organization_id = ${world.orgId}`,
    );
    assert.equal(key!.revoked, true);
    const [accounts] = await target.db.execute<{ n: number }>(
      sql`select count(*)::int as n from portal_accounts where organization_id = ${world.orgId}`,
    );
    assert.equal(accounts!.n, 0);
  });
});

describe('the export job', () => {
  test('gets the passphrase as a key only, encrypted, wipes it, and leaves a ZIP to download once', async () => {
    const actor = { orgId: world.orgId, actorUserId: world.technicianUserId, ip: null };
    const { jobId } = await requestExport(db, { ...actor, passphrase: PASSPHRASE });
    // No worker here: the test runs the job itself (and keeps other files' workers off it).
    await db.execute(sql`select graphile_worker.remove_job(${jobId}::text)`);
    const payload = async () =>
      (await db.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.id, jobId)))[0]!.payload as {
        keyEnc: string | null;
        kdf: KdfParams | null;
      };
    const queued = await payload();
    assert.ok(queued.keyEnc && !JSON.stringify(queued).includes(PASSPHRASE));
    await assert.rejects(
      requestExport(db, { ...actor, passphrase: null }),
      (e) => e instanceof AppError && e.code === 'export_running',
    );
    const result = await runExportJob(db, { orgId: world.orgId, jobId, ...queued });
    assert.equal((await payload()).keyEnc, null);
    // Retried from the jobs page, it refuses rather than export without the secrets asked for.
    await assert.rejects(runExportJob(db, { orgId: world.orgId, jobId, ...(await payload()) }), /export_key_gone/);
    assert.equal(result.secrets, 'passphrase');
    assert.deepEqual([result.leftOutCount, result.leftOut], [0, []], 'every secret opened');
    await db.update(jobs).set({ state: 'done', result }).where(eq(jobs.id, jobId));
    const file = await exportDownload(db, { ...actor, jobId });
    assert.equal(statSync(file.path).size, result.bytes);
    assert.match(file.fileName, new RegExp(`^jaring-${world.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const [audit] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_logs where organization_id = ${world.orgId} and action = 'org_transfer.export_downloaded'`,
    );
    assert.equal(audit!.n, 1);
  });
});

describe('a damaged secret', () => {
  test('is left out of the export as if without a passphrase, named in the result, and imported as a stand-in', async () => {
    const { org } = await makeOrg(db, 'damaged-secret');
    await makeMember(db, org.id, 'admin');
    // An admin whose authenticator secret is damaged: their password must not sign in alone there.
    const twoStep = await makeMember(db, org.id, 'admin');
    await db
      .update(users)
      .set({ totpSecretEnc: 'v1.rusak.rusak.rusak', totpEnabledAt: new Date(), recoveryCodeHashes: ['x'] })
      .where(eq(users.id, twoStep.user.id));
    const good = await makeRouter(db, org.id, { host: '10.9.9.1', port: 8728 });
    const bad = await makeRouter(db, org.id, { host: '10.9.9.2', port: 8728 }, { name: 'Router Gudang' });
    await db.execute(sql`update routers set password_enc = 'v1.rusak.rusak.rusak' where id = ${bad.id}`);
    const kdf = newKdf();
    const file = path.join(work, 'damaged.zip');
    const result = await exportOrganization(db, {
      orgId: org.id,
      filesDir: env().FILES_DIR,
      outFile: file,
      passphrase: { key: await deriveKey(PASSPHRASE, kdf), kdf },
    });
    // Named as the operator knows them: the user's email, the router's name.
    assert.deepEqual(result.leftOut, [
      { table: 'users', id: twoStep.user.id, field: 'totp_secret_enc', name: twoStep.user.email },
      { table: 'routers', id: bad.id, field: 'password_enc', name: 'Router Gudang' },
    ]);
    const { texts } = await entries(file);
    const routerRows = texts
      .get('data/routers.jsonl')!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    assert.match(String(routerRows.find((r) => r.id === good.id)!.password_enc), /^p1\./);
    assert.ok(!('password_enc' in routerRows.find((r) => r.id === bad.id)!));

    const key = await deriveKey(PASSPHRASE, kdf);
    const imported0 = await importOrganization(target.db, {
      file,
      filesDir: path.join(work, 'damaged-files'),
      key,
      appUrl: 'https://x.test',
    });
    const [person] = await target.db.select().from(users).where(eq(users.email, twoStep.user.email.toLowerCase()));
    assert.equal(await verifyPassword(PASSWORD, person!.passwordHash), false, 'the password alone does not sign in');
    assert.deepEqual([person!.totpSecretEnc, person!.recoveryCodeHashes], [null, []]);
    assert.deepEqual(
      imported0.links.map((l) => l.email),
      [twoStep.user.email.toLowerCase()],
      'a link to choose a new password instead',
    );
    const imported = await target.db.execute<{ id: string; password_enc: string }>(
      sql`select id, password_enc from routers where organization_id = ${org.id}`,
    );
    const byId = new Map([...imported].map((r) => [r.id, decryptSecret(r.password_enc)]));
    assert.equal(byId.get(good.id), 'secret');
    assert.ok(byId.get(bad.id) && byId.get(bad.id) !== 'secret', 'a password nobody knows, typed again by the admin');
  });
});

describe('an edited ZIP', () => {
  test('cannot reach into another organization of the install: refused, nothing written', async () => {
    const [victimPlan] = await db.execute<{ id: string }>(
      sql`select id from plans where organization_id = ${world.orgId} limit 1`,
    );
    const forged = { id: randomUUID(), name: 'Palsu', slug: `palsu-${randomUUID().slice(0, 8)}` };
    const file = path.join(work, 'forged.zip');
    const zip = new ZipWriter(file);
    await zip.entry('data/organizations.jsonl', (w) => w(`${JSON.stringify(forged)}\n`));
    await zip.entry('data/users.jsonl', async () => {});
    const customer = {
      id: randomUUID(),
      organization_id: world.orgId,
      number: 1,
      name: 'X',
      phone: '62811',
      address: 'X',
    };
    await zip.entry('data/customers.jsonl', (w) => w(`${JSON.stringify({ ...customer, plan_id: victimPlan!.id })}\n`));
    zip.last('manifest.json', () =>
      JSON.stringify({
        format: 'jaring-organization-export',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        migrations: { count: 0, last: 0 },
        organization: forged,
        secrets: 'absent',
        kdf: null,
        check: null,
        tables: [{ name: 'customers', rows: 1 }],
        users: 0,
        files: { count: 0, bytes: 0 },
        entries: zip.entries,
      }),
    );
    await zip.finish();
    await assert.rejects(
      importOrganization(db, { file, filesDir: path.join(work, 'forged-files'), key: null, appUrl: 'https://x.test' }),
      (e) => e instanceof AppError && e.code === 'import_invalid',
    );
    const [left] = await db.execute<{ n: number }>(
      sql`select (select count(*) from organizations where id = ${forged.id})::int + (select count(*) from customers where id = ${customer.id})::int as n`,
    );
    assert.equal(left!.n, 0);
  });

  test('asking scrypt for hours of work or gigabytes is refused before any key is derived', async () => {
    const file = path.join(work, 'costly.zip');
    const zip = new ZipWriter(file);
    await zip.entry('data/organizations.jsonl', (w) => w(`${JSON.stringify({ id: randomUUID() })}\n`));
    const kdf: KdfParams = { ...newKdf(), N: 2 ** 24, r: 64, p: 1_000 };
    zip.last('manifest.json', () =>
      JSON.stringify({
        format: 'jaring-organization-export',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        migrations: { count: 0, last: 0 },
        organization: { id: randomUUID(), name: 'Mahal', slug: `mahal-${randomUUID().slice(0, 8)}` },
        secrets: 'passphrase',
        kdf,
        check: 'p1.AAAA.AAAA.AAAA',
        tables: [],
        users: 0,
        files: { count: 0, bytes: 0 },
        entries: zip.entries,
      }),
    );
    await zip.finish();
    const started = Date.now();
    await assert.rejects(
      inspectExport(target.db, { file, passphrase: PASSPHRASE }),
      (e) => e instanceof AppError && e.code === 'import_kdf_limits',
    );
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  });
});

/** Source user id → the target's, by email. */
async function mappedUsers() {
  const source = await db.execute<{ id: string; email: string }>(sql`select id, email from users`);
  const copy = await target.db.execute<{ id: string; email: string }>(sql`select id, email from users`);
  const byEmail = new Map([...copy].map((u) => [u.email, u.id]));
  return new Map([...source].map((u) => [u.id, byEmail.get(u.email)!]));
}
