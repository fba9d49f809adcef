import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { formatDbm, formatDbmValue, formatThresholdDbm } from '@/components/fibre/signal-style';
import { OLT_ERROR_KINDS } from '@/lib/fibre/olt/errors';
import { oltErrorCode } from '@/lib/fibre/olt/status';

/**
 * A dBm figure reads the way the operator writes numbers: "-19,5" in Indonesian, "-19.5" in
 * English. `toFixed` (always a point) or a fixed 'id-ID' showed the other locale's separator.
 */
test('dBm figures use the locale decimal separator', () => {
  assert.equal(formatDbm(-19.5, 'id'), '-19,5 dBm');
  assert.equal(formatDbm(-19.5, 'en'), '-19.5 dBm');
  assert.equal(formatDbmValue(-27.456, 'id'), '-27,46');
  assert.equal(formatDbmValue(-27, 'en'), '-27.0');
  assert.equal(formatThresholdDbm(-27.5, 'id'), '-27,5');
  assert.equal(formatThresholdDbm(-25, 'en'), '-25');
  assert.equal(formatDbm(null, 'id'), '—');
});

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.tsx$/.test(name)) out.push(full);
  }
  return out;
}

test('fibre screens format dBm through formatDbm, never toFixed or a fixed locale', () => {
  const screens = [
    ...sources('app/(dashboard)/olts'),
    ...sources('app/(dashboard)/settings/acs'),
    ...sources('components/fibre'),
    ...sources('app/tech'),
  ];
  const offenders = screens.filter((file) =>
    /\.toFixed\(|toLocaleString\('(id-ID|en-US|en-GB)'/.test(readFileSync(file, 'utf8')),
  );
  assert.deepEqual(offenders, []);
});

/** What a modem says about its WAN (TR-098/TR-181 ConnectionStatus) is English: the card translates it. */
test('the modem card has the WAN states in both languages', () => {
  const id = JSON.parse(readFileSync('messages/id.json', 'utf8')).acs.modem.wanStatuses;
  const en = JSON.parse(readFileSync('messages/en.json', 'utf8')).acs.modem.wanStatuses;
  for (const status of ['Connected', 'Connecting', 'Disconnected', 'Unconfigured']) {
    assert.ok(en[status], `en ${status}`);
    assert.ok(id[status] && id[status] !== status, `id ${status} is Indonesian`);
  }
  const panel = readFileSync('components/fibre/modem-panel.tsx', 'utf8');
  assert.match(panel, /wanStatuses\./);
});

/** Thresholds are figures too: the card passes them formatted, not as raw numbers. */
test('the signal card formats its threshold figures', () => {
  const card = readFileSync('components/fibre/signal-card.tsx', 'utf8');
  assert.doesNotMatch(card, /warning: thresholds\.warningDbm/);
  assert.match(card, /formatThresholdDbm\(thresholds\.warningDbm, locale\)/);
});

/**
 * An OLT's `last_error` is `<kind>: <detail>` (the socket's English): the OLT pages show the
 * kind's message, which says what to do, in the reader's language, never the stored text raw.
 */
test("an OLT's last error reads as its kind's message in both languages", () => {
  const id = JSON.parse(readFileSync('messages/id.json', 'utf8')).errors;
  const en = JSON.parse(readFileSync('messages/en.json', 'utf8')).errors;
  for (const kind of OLT_ERROR_KINDS) {
    const code = oltErrorCode(`${kind}: connect ETIMEDOUT 10.0.0.1:23`)!;
    assert.ok(id[code] && en[code], code);
  }
  for (const page of ['app/(dashboard)/olts/page.tsx', 'app/(dashboard)/olts/[id]/page.tsx']) {
    const source = readFileSync(page, 'utf8');
    assert.doesNotMatch(source, /\{(o|olt)\.lastError\}\s*</, page);
    assert.match(source, /<OltErrorText /, page);
  }
});
