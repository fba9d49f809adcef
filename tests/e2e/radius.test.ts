import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { organizations, plans, routers } from '@/db/schema';
import { makeSubscriber, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

describe('RADIUS mode, in Chromium', () => {
  test('admin puts a router in RADIUS mode; the customer page and who-is-online show accounting', async () => {
    const db = testDb();
    const page = await newPage();
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/routers?add=1');
    await settled(page);
    const form = page.getByTestId('router-form');
    const name = `RADIUS Cibaduyut ${Date.now() % 100000}`;
    await form.getByLabel('Nama', { exact: true }).fill(name);
    await form.getByLabel('Host / alamat IP').fill('127.44.0.1');
    await form.getByLabel('Username API').fill('jaring-api');
    await form.getByLabel('Kata sandi', { exact: true }).fill('api-rahasia');
    await form.getByLabel('Mode', { exact: true }).selectOption('radius');
    // RADIUS mode without its secret is refused with the reason; nothing typed is lost.
    await page.getByTestId('router-save').click();
    await page.getByText('Mode RADIUS butuh shared secret').waitFor();
    await page.getByTestId('router-radius').getByLabel('Shared secret RADIUS').fill('nas-rahasia');
    await page.getByTestId('router-save').click();
    await page.waitForURL(/\/routers\/[0-9a-f-]{36}$/);
    assert.ok(!(await page.content()).includes('nas-rahasia'));

    // A customer on that router, online according to FreeRADIUS's accounting.
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'demo'));
    const [router] = await db.select().from(routers).where(eq(routers.name, name));
    const [plan] = await db.select().from(plans).where(eq(plans.organizationId, org!.id)).limit(1);
    const username = `rad${Date.now() % 1_000_000}`;
    const { customer } = await makeSubscriber(db, org!.id, { planId: plan!.id, routerId: router!.id, username });
    await db.execute(sql`
      insert into radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctupdatetime, acctinputoctets, acctoutputoctets, framedipaddress, callingstationid)
      values ('81a00001', ${`u-${username}`}, ${`${username}@demo`}, '127.44.0.1', now() - interval '2 hours', now() - interval '5 minutes', 1048576, 734003200, '10.20.0.7', 'AA:BB:CC:00:20:07')`);

    await page.goto(`/customers/${customer.id}`);
    await settled(page);
    const card = page.getByTestId('radius-card');
    await card.waitFor();
    assert.match(await card.getByTestId('radius-username').innerText(), new RegExp(`${username}@demo`));
    assert.match(await card.getByTestId('radius-online').innerText(), /Online/);
    assert.equal(await card.getByTestId('radius-session').count(), 1);
    assert.match(await card.getByTestId('radius-session').innerText(), /10\.20\.0\.7/);

    await page.goto('/sessions?source=radius');
    await settled(page);
    const row = page.getByTestId('radius-online-row').filter({ hasText: username });
    await row.waitFor();
    assert.match(await row.innerText(), /AA:BB:CC:00:20:07/);
  });
});
