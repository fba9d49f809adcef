import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '@/lib/server/errors';
import { assertTemplate, cliName, defaultTemplate, registrationCommands } from './templates';
import { cleanCliText, findCliError } from './text';

const spec = (values: Record<string, string>) => ({
  frame: 0,
  slot: 1,
  port: 3,
  onuIndex: 7,
  serial: 'HWTCA1B2C3D4',
  name: "Siti's home",
  values,
});

test('the Huawei default renders with the hex serial inside config … quit', () => {
  const t = defaultTemplate('huawei');
  assert.deepEqual(registrationCommands('huawei', spec(t.values), t.commands), [
    'config',
    'interface gpon 0/1',
    'ont add 3 7 sn-auth 48575443A1B2C3D4 omci ont-lineprofile-id 10 ont-srvprofile-id 10 desc Siti_s_home',
    'quit',
    'service-port vlan 100 gpon 0/1/3 ont 7 gemport 1 multi-service user-vlan 100 tag-transform translate',
    'quit',
  ]);
});

test('the ZTE default renders inside configure terminal … end', () => {
  const t = defaultTemplate('zte');
  const lines = registrationCommands('zte', { ...spec(t.values), frame: 1, serial: 'ZTEGC8A1B2C3' }, t.commands);
  assert.equal(lines[0], 'configure terminal');
  assert.equal(lines[2], 'onu 7 type ZTE-F670L sn ZTEGC8A1B2C3');
  assert.ok(lines.includes('service-port 1 vport 1 user-vlan 100 vlan 100'));
  assert.equal(lines.at(-1), 'end');
});

test('unknown placeholders and unsafe values are refused with field errors', () => {
  assert.throws(
    () => assertTemplate({ commands: 'onu {onuIndex} type {onuTipe}', values: {} }),
    (e: unknown) => e instanceof AppError && e.code === 'olt_template_invalid' && e.fieldErrors?.commands !== undefined,
  );
  assert.throws(
    () => assertTemplate({ commands: 'vlan {vlan}', values: { vlan: '100\nreboot' } }),
    (e: unknown) => e instanceof AppError && e.fieldErrors?.['values.vlan'] === 'validation.cliWord',
  );
  assert.throws(() => registrationCommands('zte', spec({}), 'vlan {vlan}'), AppError);
  // A carriage return, tab, ESC or Ctrl-U in a line runs something the preview does not show.
  for (const hidden of ['service-port 1 vlan 100\rreboot', 'onu 1 ty\tpe', 'name x\x15reboot', 'a\x1b[2Kb'])
    assert.throws(
      () => assertTemplate({ commands: `interface gpon-olt_{frame}/{slot}/{port}\n${hidden}`, values: {} }),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'validation' &&
        e.fieldErrors?.commands === 'validation.noControlCharacters',
      JSON.stringify(hidden),
    );
  assert.throws(
    () => registrationCommands('zte', spec({}), 'onu {onuIndex} sn {serial}\rreboot'),
    (e: unknown) => e instanceof AppError && e.fieldErrors?.commands === 'validation.noControlCharacters',
  );
  // Windows line breaks from a textarea are line breaks.
  assert.deepEqual(registrationCommands('zte', spec({}), 'onu {onuIndex} sn {serial}\r\nexit\r\n'), [
    'configure terminal',
    'onu 7 sn HWTCA1B2C3D4',
    'exit',
    'end',
  ]);
  assert.doesNotThrow(() => assertTemplate({ commands: 'onu {onuIndex}\r\nexit', values: {} }));
  assert.equal(cliName('  Ibu  Ani (Blok C)  '), 'Ibu_Ani_Blok_C');
});

test('pager noise, echo and errors', () => {
  const zte = 'line 1\r\n--More--\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\bline 2\r\n';
  assert.equal(cleanCliText(zte), 'line 1\nline 2\n');
  const hw =
    "  a : 1\r\n  ---- More ( Press 'Q' to break ) ----\x1b[39D                                       \x1b[39D  b : 2\r\n";
  assert.equal(cleanCliText(hw), '  a : 1\n  b : 2\n');
  assert.equal(findCliError('ok\n%Code 32303: The ONU has existed.'), '%Code 32303: The ONU has existed.');
  assert.equal(
    findCliError("   ^\n  % Unknown command, the error locates at '^'"),
    "% Unknown command, the error locates at '^'",
  );
  assert.equal(findCliError('  Failure: SN already exists'), 'Failure: SN already exists');
  assert.equal(findCliError('  Run state : online'), null);
});
