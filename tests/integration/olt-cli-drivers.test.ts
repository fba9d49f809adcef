import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { OltTransport, OltVendor } from '@/db/enums';
import { openDriver } from '@/lib/fibre/olt/drivers';
import { OltError } from '@/lib/fibre/olt/errors';
import { OltSession } from '@/lib/fibre/olt/session';
import { defaultTemplate } from '@/lib/fibre/olt/templates';
import { type OltCliOptions, type OltCliServer, startOltCliServer } from '../support/olt-cli';

const servers: OltCliServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function standIn(opts: OltCliOptions) {
  const s = await startOltCliServer(opts);
  servers.push(s);
  return s;
}

function sessionOpts(s: OltCliServer, over: { password?: string; commandTimeoutMs?: number } = {}) {
  return {
    transport: s.transport,
    host: s.host,
    port: s.port,
    username: s.username,
    password: over.password ?? s.password,
    enablePassword: null,
    connectTimeoutMs: 5_000,
    commandTimeoutMs: over.commandTimeoutMs ?? 5_000,
  };
}

const CASES: { vendor: OltVendor; transport: OltTransport; port: { frame: number; slot: number; port: number } }[] = [
  { vendor: 'zte', transport: 'telnet', port: { frame: 1, slot: 2, port: 1 } },
  { vendor: 'zte', transport: 'ssh', port: { frame: 1, slot: 2, port: 1 } },
  { vendor: 'huawei', transport: 'telnet', port: { frame: 0, slot: 1, port: 0 } },
  { vendor: 'huawei', transport: 'ssh', port: { frame: 0, slot: 1, port: 0 } },
];

for (const c of CASES) {
  describe(`${c.vendor} over ${c.transport}`, () => {
    test('info, scan, register (the preview is what the OLT received), optics, reboot, remove', async () => {
      const s = await standIn({ vendor: c.vendor, transport: c.transport });
      const serial = c.vendor === 'zte' ? 'ZTEGC8A1B2C3' : 'HWTCA1B2C3D4';
      s.olt.plugIn({ ...c.port, serial, model: c.vendor === 'zte' ? 'F670L' : 'HG8245H5' });
      const { session, driver } = await openDriver(c.vendor, sessionOpts(s));
      try {
        const info = await driver.info();
        assert.equal(info.model, c.vendor === 'zte' ? 'ZXA10 C320' : 'MA5608T');
        assert.match(info.firmware ?? '', c.vendor === 'zte' ? /^V2\.1/ : /V800R018/);
        assert.ok(info.ponPorts.some((p) => p.slot === c.port.slot && p.port === c.port.port));

        const waiting = await driver.listUnconfigured();
        assert.deepEqual(waiting, [{ ...c.port, serial, model: c.vendor === 'zte' ? 'F670L' : 'HG8245H5' }]);

        const template = defaultTemplate(c.vendor);
        const spec = { ...c.port, onuIndex: 3, serial, name: "Budi Santoso's home", values: template.values };
        const preview = driver.registrationCommands(spec, template.commands);
        const mark = s.olt.received.length;
        const { commands } = await driver.register(spec, template.commands);
        assert.deepEqual(commands, preview);
        assert.deepEqual(s.olt.since(mark), preview);
        assert.deepEqual(await driver.listUnconfigured(), []);

        s.olt.setOnu(serial, { rxPowerDbm: -24.31, txPowerDbm: 2.12, oltRxPowerDbm: -26.5 });
        const optics = await driver.optics({ ...c.port, onuIndex: 3 });
        assert.equal(optics.state, 'working');
        assert.equal(optics.rxPowerDbm, -24.31);
        assert.equal(optics.txPowerDbm, 2.12);
        assert.equal(optics.oltRxPowerDbm, -26.5);

        s.olt.setOnu(serial, { state: 'los' });
        assert.deepEqual(await driver.optics({ ...c.port, onuIndex: 3 }), {
          state: 'los',
          rxPowerDbm: null,
          txPowerDbm: null,
          oltRxPowerDbm: null,
        });
        s.olt.setOnu(serial, { state: 'dying_gasp' });
        assert.equal((await driver.optics({ ...c.port, onuIndex: 3 })).state, 'dying_gasp');

        await driver.reboot({ ...c.port, onuIndex: 3 });
        assert.equal(s.olt.findBySerial(serial)?.reboots, 1);

        await driver.remove({ ...c.port, onuIndex: 3 });
        assert.equal(s.olt.findBySerial(serial), undefined);
      } finally {
        session.close();
      }
    });

    test('a refused command throws the vendor text as a command error and leaves the session usable', async () => {
      const s = await standIn({ vendor: c.vendor, transport: c.transport });
      const { session, driver } = await openDriver(c.vendor, sessionOpts(s));
      try {
        const template = defaultTemplate(c.vendor);
        const values =
          c.vendor === 'zte' ? { ...template.values, vlan: '5000' } : { ...template.values, lineProfile: '99' };
        const serial = c.vendor === 'zte' ? 'ZTEGC0000001' : 'HWTC00000001';
        const error = await driver
          .register({ ...c.port, onuIndex: 1, serial, name: 'x', values }, template.commands)
          .then(
            () => null,
            (e: unknown) => e,
          );
        assert.ok(error instanceof OltError);
        assert.equal(error.kind, 'command');
        assert.match(
          error.detail,
          c.vendor === 'zte' ? /%Error 20200: Invalid VLAN ID/ : /Failure: The line profile does not exist/,
        );
        // The half-registered ONU was taken off again, and the session still answers.
        assert.equal(s.olt.findBySerial(serial), undefined);
        assert.equal(session.usable, true);
        assert.deepEqual(await driver.listUnconfigured(), []);
      } finally {
        session.close();
      }
    });

    test('a wrong password is an auth error', async () => {
      const s = await standIn({ vendor: c.vendor, transport: c.transport });
      const error = await openDriver(c.vendor, sessionOpts(s, { password: 'wrong' })).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof OltError);
      assert.equal(error.kind, 'auth');
    });
  });
}

describe('session', () => {
  test('pager and Huawei parameter questions are answered and stripped', async () => {
    const s = await standIn({ vendor: 'huawei', transport: 'telnet', firmware: 'R013' });
    for (let i = 0; i < 5; i++)
      s.olt.plugIn({ frame: 0, slot: 1, port: i, serial: `HWTC0000000${i}`, model: 'HG8245H5' });
    const session = await OltSession.open(sessionOpts(s));
    try {
      await session.command('enable');
      // Smart mode and the pager still on: the question and four pages to answer.
      await session.command('config');
      const out = await session.command('display ont autofind all');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no ESC or backspace may be left
      assert.doesNotMatch(out, /More|<cr>|\x1b|\x08|^\S/m);
      assert.equal((out.match(/Ont SN/g) ?? []).length, 5);
      assert.match(out, /The number of GPON autofind ONT is 5/);
      const version = await session.command('display version');
      assert.match(version, /PRODUCT : MA5608T/);
      assert.equal(session.current, 'MA5608T(config)#');
    } finally {
      session.close();
    }
  });

  test('ZTE pager rubbed out with backspaces', async () => {
    const s = await standIn({ vendor: 'zte', transport: 'ssh', firmware: 'V1.2' });
    const { session, driver } = await openDriver('zte', sessionOpts(s));
    session.close();
    const raw = await OltSession.open(sessionOpts(s));
    try {
      for (let i = 1; i <= 30; i++)
        s.olt.add({
          frame: 1,
          slot: 1,
          port: 1,
          onuIndex: i,
          serial: `ZTEG0000${String(i).padStart(4, '0')}`,
          type: 'F660',
          name: '',
        });
      const out = await raw.command('show gpon onu state gpon-olt_1/1/1');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no backspace may be left
      assert.doesNotMatch(out, /More|\x08/);
      assert.equal((out.match(/gpon-onu_1\/1\/1:/g) ?? []).length, 30);
      assert.match(out, /ONU Number: 30\/30/);
      assert.ok(driver);
    } finally {
      raw.close();
    }
  });

  test('an unknown command, a hang (timeout) and a drop (closed)', async () => {
    const s = await standIn({ vendor: 'zte', transport: 'telnet' });
    const session = await OltSession.open(sessionOpts(s, { commandTimeoutMs: 300 }));
    const e1 = await session.command('show nonsense').catch((e: unknown) => e);
    assert.ok(e1 instanceof OltError && e1.kind === 'command' && /Invalid input/.test(e1.detail));
    s.olt.faults.hangOn = /show card/;
    const e2 = await session.command('show card').catch((e: unknown) => e);
    assert.ok(e2 instanceof OltError && e2.kind === 'timeout');
    assert.equal(session.usable, false);
    s.olt.faults = { dropOn: /show card/ };
    const again = await OltSession.open(sessionOpts(s));
    const e3 = await again.command('show card').catch((e: unknown) => e);
    assert.ok(e3 instanceof OltError && e3.kind === 'closed', String(e3));
  });

  test('ZTE firmware that logs in at ZXAN> is enabled with its password', async () => {
    const s = await standIn({ vendor: 'zte', transport: 'telnet', enablePassword: 'zxr10' });
    const { session, driver } = await openDriver('zte', { ...sessionOpts(s), enablePassword: 'zxr10' });
    try {
      assert.equal(session.current, 'ZXAN#');
      assert.equal((await driver.info()).model, 'ZXA10 C320');
    } finally {
      session.close();
    }
  });

  test('connection refused is its own kind', async () => {
    const s = await standIn({ vendor: 'zte', transport: 'telnet' });
    const port = s.port;
    await s.close();
    const error = await OltSession.open({ ...sessionOpts(s), port }).catch((e: unknown) => e);
    assert.ok(error instanceof OltError && error.kind === 'refused');
  });
});
