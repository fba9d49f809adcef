import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { memberships, organizations, users } from '@/db/schema';
import { insertApiKey } from '@/lib/api/keys';
import { testDb } from '../helpers';
import { APP_URL, newPage } from './browser';

/**
 * The REST API through the running app (proxy, Next's catch-all route) and its reference
 * page on a phone, without signing in: the page is public, like the OpenAPI document.
 */
describe('the REST API in the running app', () => {
  test('a key reads the demo’s customers; no key is a 401 problem; the document is public', async () => {
    const db = testDb();
    const [admin] = await db
      .select({ userId: users.id, orgId: organizations.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, and(eq(organizations.id, memberships.organizationId), eq(organizations.slug, 'demo')))
      .where(eq(users.email, 'admin@demo.jaring.id'));
    const { token } = await insertApiKey(db, {
      orgId: admin!.orgId,
      name: 'e2e',
      scopes: ['customers.view'],
      createdBy: admin!.userId,
      makerRole: 'admin',
    });
    const list = await fetch(`${APP_URL}/api/v1/customers?limit=2`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.status, 200);
    const page = (await list.json()) as { data: { id: string }[]; next_cursor: string | null };
    assert.equal(page.data.length, 2);
    assert.ok(page.next_cursor);
    const next = await fetch(`${APP_URL}/api/v1/customers?limit=2&cursor=${page.next_cursor}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const second = (await next.json()) as { data: { id: string }[] };
    assert.ok(second.data.every((c) => !page.data.some((d) => d.id === c.id)));

    const anonymous = await fetch(`${APP_URL}/api/v1/customers`, { headers: { 'accept-language': 'en' } });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('content-type'), 'application/problem+json');
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal(((await anonymous.json()) as { code: string }).code, 'api_key_invalid');

    const doc = await fetch(`${APP_URL}/api/v1/openapi.json`);
    assert.equal(doc.status, 200);
    assert.equal(((await doc.json()) as { openapi: string }).openapi, '3.1.0');
  });

  test('the reference page fits a phone in both languages, under the page policy', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text().slice(0, 200));
    });
    const res = await page.goto('/api/docs?lang=en');
    assert.equal(res?.status(), 200);
    await page.getByRole('heading', { name: 'REST API documentation' }).waitFor();
    await page.getByText('/api/v1/customers/{id}').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing scrolls sideways');
    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { name: 'Dokumentasi REST API' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing scrolls sideways');
    assert.deepEqual(violations, []);
  });
});
