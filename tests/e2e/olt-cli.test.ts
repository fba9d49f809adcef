import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { onus } from '@/db/schema';
import { makeOrg, PASSWORD, testDb } from '../helpers';
import { makePonPort, makeStandInOlt, type OltCliServer, startOltCliServer } from '../support/olt-cli';
import { newPage, signIn } from './browser';

/**
 * On a phone: NOC scans an OLT (a ZTE stand-in the app's worker reaches over loopback), opens
 * the waiting ONU, sees the exact commands, sends them, and reads the new ONU's signal from
 * its page. Its own organization, so the demo's OLTs stay as they are. The OLT and ONU pages
 * (app/(dashboard)/olts) render components/fibre/olt-unconfigured.tsx, olt-template-editor.tsx,
 * olt-check.tsx and onu-actions.tsx.
 */
const db = testDb();
let server: OltCliServer | undefined;
after(async () => {
  await server?.close();
});
const noScroll = () => document.documentElement.scrollWidth <= 390;

async function hydrated(page: Page, testId: string) {
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return Boolean(el && Object.keys(el).some((k) => k.startsWith('__react')));
    },
    testId,
    { timeout: 60_000 },
  );
}

describe('OLT command line, in Chromium at 390x844', () => {
  test('scan, preview the exact commands, register, then read the signal', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-olt-cli');
    server = await startOltCliServer({ vendor: 'zte', transport: 'telnet' });
    server.olt.plugIn({ frame: 1, slot: 2, port: 1, serial: 'ZTEGE2E00001', model: 'F670L' });
    const olt = await makeStandInOlt(db, org.id, server, { name: 'OLT Cibaduyut' });
    await makePonPort(db, { orgId: org.id, oltId: olt.id, vendor: 'zte', frame: 1, slot: 2, port: 1 });

    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/olts/${olt.id}`, { waitUntil: 'load', timeout: 90_000 });
    await hydrated(page, 'olt-scan');
    await page.getByText('Belum pernah dipindai').waitFor();
    await page.getByTestId('olt-scan').click();
    const row = page.getByTestId('olt-unconfigured-row').filter({ hasText: 'ZTEGE2E00001' });
    await row.waitFor({ timeout: 30_000 });
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways');

    await row.getByTestId('olt-register-open').click();
    await row.getByLabel('Nama di OLT').fill('Rumah Budi');
    await row.getByLabel('vlan').fill('321');
    await row.getByTestId('onu-register-preview-button').click();
    const preview = row.getByTestId('onu-register-preview');
    await preview.waitFor();
    const commands = (await preview.innerText()).split('\n');
    assert.ok(commands.includes('onu 1 type ZTE-F670L sn ZTEGE2E00001'));
    assert.ok(commands.includes('name Rumah_Budi'));
    assert.ok(commands.includes('service-port 1 vport 1 user-vlan 321 vlan 321'));
    assert.ok(await page.evaluate(noScroll), 'the commands wrap, nothing scrolls sideways');
    const mark = server.olt.received.length;
    await row.getByTestId('onu-register-confirm').click();
    await page.getByTestId('onu-register-job').locator('[data-state="done"]').waitFor({ timeout: 30_000 });
    assert.deepEqual(server.olt.since(mark).slice(-commands.length), commands);

    const [onu] = await db
      .select()
      .from(onus)
      .where(and(eq(onus.organizationId, org.id), eq(onus.serial, 'ZTEGE2E00001')));
    assert.ok(onu, 'the ONU is stored');
    server.olt.setOnu('ZTEGE2E00001', { rxPowerDbm: -21.5 });
    await page.goto(`/olts/onus/${onu.id}`, { waitUntil: 'load', timeout: 90_000 });
    await hydrated(page, 'onu-refresh');
    await page.getByTestId('onu-refresh').click();
    await page.getByTestId('onu-optics').getByText('-21,5 dBm').waitFor({ timeout: 30_000 });

    // Reboot asks first.
    await page.getByTestId('onu-reboot').click();
    await page.getByTestId('onu-reboot-confirm').click();
    // The reading's finished job is still shown until the reboot's replaces it: wait for the reboot's.
    await page
      .getByTestId('onu-action-result')
      .locator('[data-state="done"]', { hasText: 'Reboot ONU' })
      .waitFor({ timeout: 30_000 });
    assert.equal(server.olt.findBySerial('ZTEGE2E00001')?.reboots, 1);
  });
});
