import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cleanExport,
  configHash,
  exportCommand,
  exportVersion,
  normaliseExport,
  parseVersionAnswer,
  routerOsCommandError,
  routerOsMajor,
} from './export-text';

const V7 = [
  '# 2026-12-07 18:00:00 by RouterOS 7.16.2',
  '# software id = 8K2N-XQ1A',
  '#',
  '# model = RB750Gr3',
  '/interface bridge',
  'add name=bridge-lan',
  '/ip address',
  'add address=192.168.88.1/24 interface=bridge-lan network=192.168.88.0',
  '',
].join('\r\n');

test('the date line and the software id are not part of the configuration', () => {
  const later = V7.replace('2026-12-07 18:00:00', '2026-12-08 03:12:44').replace('8K2N-XQ1A', 'ZZZZ-0000');
  assert.equal(normaliseExport(later), normaliseExport(V7));
  assert.equal(configHash(later), configHash(V7));
  assert.ok(!normaliseExport(V7).includes('by RouterOS'));
  assert.ok(!normaliseExport(V7).includes('software id'));
  // The model line stays: a different board is a different configuration.
  assert.ok(normaliseExport(V7).includes('# model = RB750Gr3'));
  // RouterOS 6 writes its date as mmm/dd/yyyy.
  const v6 = V7.replace('# 2026-12-07 18:00:00 by RouterOS 7.16.2', '# dec/07/2026 18:00:00 by RouterOS 6.49.10');
  assert.equal(configHash(v6), configHash(V7));
});

test('a changed line, trailing spaces and line ends: only the change counts', () => {
  assert.notEqual(configHash(V7), configHash(V7.replace('192.168.88.1/24', '192.168.89.1/24')));
  assert.equal(configHash(V7), configHash(`${V7.replace(/\r\n/g, '  \n')}\n\n`));
  assert.equal(cleanExport('a \r\nb\r\n\r\n'), 'a\nb\n');
  assert.equal(cleanExport(''), '');
  // A "# … by RouterOS" line further down is configuration (a comment someone wrote).
  const commented = `${V7}# written by RouterOS 7.1 once\n`;
  assert.notEqual(configHash(commented), configHash(V7));
});

test('the version is read from the header; the command follows it', () => {
  assert.equal(exportVersion(V7), '7.16.2');
  assert.equal(exportVersion('# dec/07/2026 18:00:00 by RouterOS 6.49.10\n/ip address\n'), '6.49.10');
  assert.equal(exportVersion('expected end of command (line 1 column 9)'), null);
  assert.equal(routerOsMajor('7.16.2 (stable)'), 7);
  assert.equal(routerOsMajor('6.49.10'), 6);
  assert.equal(routerOsMajor(''), null);
  assert.equal(exportCommand('7.16'), '/export');
  assert.equal(exportCommand('6.49.10'), '/export hide-sensitive');
  // Not known: the form that never prints secrets (RouterOS 7 refuses it instead).
  assert.equal(exportCommand(null), '/export hide-sensitive');
  assert.equal(parseVersionAnswer('7.16.2 (stable)\r\n'), '7.16.2');
  assert.equal(parseVersionAnswer('6.49.10 (long-term)'), '6.49.10');
  assert.equal(parseVersionAnswer('7.17beta4 (testing)'), '7.17beta4');
  assert.equal(parseVersionAnswer('bad command name get (line 1 column 19)'), null);
});

test("RouterOS's refusals are told apart from a configuration", () => {
  assert.equal(
    routerOsCommandError('expected end of command (line 1 column 9)\r\n'),
    'expected end of command (line 1 column 9)',
  );
  assert.equal(
    routerOsCommandError('bad command name exprt (line 1 column 2)'),
    'bad command name exprt (line 1 column 2)',
  );
  assert.equal(routerOsCommandError(V7), null);
});
