import type { StandInOlt } from './device';
import { ok, type Reply, type Shell, table } from './shell';

/**
 * ZTE ZXAN (C320) as a session sees it: `ZXAN#` after login (`ZXAN>` first when an enable
 * password is set), `configure terminal` → `ZXAN(config)#`, `interface gpon-olt_1/2/1` and
 * `interface gpon-onu_1/2/1:3` → `ZXAN(config-if)#`, `pon-onu-mng gpon-onu_…` →
 * `ZXAN(gpon-onu-mng)#`. Output layouts of firmware V1.2 and V2.1.
 */
type Mode =
  | { name: 'user' }
  | { name: 'exec' }
  | { name: 'config' }
  | { name: 'if-olt'; frame: number; slot: number; port: number }
  | { name: 'if-onu'; key: string }
  | { name: 'onu-mng'; key: string };

const INVALID = (line: string) =>
  ok(`${' '.repeat(Math.min(line.length, 20))}^\n% Invalid input detected at '^' marker.`);
const OLT = /^gpon-olt_(\d+)\/(\d+)\/(\d+)$/;
const ONU = /^gpon-onu_(\d+)\/(\d+)\/(\d+):(\d+)$/;

export class ZteShell implements Shell {
  paging = true;
  readonly pager = 'zte' as const;
  private mode: Mode;

  constructor(
    private readonly olt: StandInOlt,
    private readonly enablePassword: string | null,
  ) {
    this.mode = enablePassword ? { name: 'user' } : { name: 'exec' };
  }

  prompt() {
    const h = this.olt.hostname;
    switch (this.mode.name) {
      case 'user':
        return `${h}>`;
      case 'exec':
        return `${h}#`;
      case 'config':
        return `${h}(config)#`;
      case 'onu-mng':
        return `${h}(gpon-onu-mng)#`;
      default:
        return `${h}(config-if)#`;
    }
  }

  exec(line: string): Reply {
    const words = line.trim().split(/\s+/);
    const cmd = words.join(' ');
    if (cmd === '') return ok();
    if (this.mode.name === 'user') {
      if (cmd !== 'enable') return INVALID(line);
      return {
        output: '',
        ask: {
          question: 'Password:',
          answer: (answer) => {
            if (answer !== this.enablePassword) return ok('%Error 20203: Password is wrong.');
            this.mode = { name: 'exec' };
            return ok();
          },
        },
      };
    }
    if (cmd === 'end') {
      this.mode = { name: 'exec' };
      return ok();
    }
    if (cmd === 'terminal length 0') {
      this.paging = false;
      return ok();
    }
    if (cmd === 'show card') return ok(this.card());
    if (cmd === 'show gpon onu uncfg') return ok(this.uncfg());
    let m = /^show gpon onu state (gpon-olt_\S+)$/.exec(cmd);
    if (m) return this.state(m[1]!);
    m = /^show pon power attenuation (gpon-onu_\S+)$/.exec(cmd);
    if (m) return this.attenuation(m[1]!);
    if (cmd === 'exit') return this.exit();
    switch (this.mode.name) {
      case 'exec':
        if (cmd === 'configure terminal' || cmd === 'conf t') {
          this.mode = { name: 'config' };
          return ok('Enter configuration commands, one per line. End with CTRL/Z.');
        }
        return INVALID(line);
      case 'config':
        return this.config(cmd, line);
      case 'if-olt':
        return this.ifOlt(this.mode, words, line);
      case 'if-onu':
        return this.ifOnu(this.mode.key, words, line);
      case 'onu-mng':
        return this.onuMng(this.mode.key, words, line);
    }
  }

  private exit(): Reply {
    const n = this.mode.name;
    this.mode = n === 'config' || n === 'exec' ? { name: 'exec' } : { name: 'config' };
    return ok();
  }

  private config(cmd: string, line: string): Reply {
    let m = /^interface (gpon-olt_\S+)$/.exec(cmd);
    if (m) {
      const a = OLT.exec(m[1]!);
      if (!a || !this.olt.portExists(+a[1]!, +a[2]!, +a[3]!)) return ok('%Error 20200: The interface does not exist.');
      this.mode = { name: 'if-olt', frame: +a[1]!, slot: +a[2]!, port: +a[3]! };
      return ok();
    }
    m = /^(interface|pon-onu-mng) (gpon-onu_\S+)$/.exec(cmd);
    if (m) {
      const a = ONU.exec(m[2]!);
      const key = a ? `${a[1]}/${a[2]}/${a[3]}:${a[4]}` : '';
      if (!this.olt.onus.has(key)) return ok('%Error 20200: The interface does not exist.');
      this.mode = m[1] === 'interface' ? { name: 'if-onu', key } : { name: 'onu-mng', key };
      return ok();
    }
    return INVALID(line);
  }

  private ifOlt(mode: Extract<Mode, { name: 'if-olt' }>, words: string[], line: string): Reply {
    if (words[0] === 'onu' && words[2] === 'type' && words[4] === 'sn' && words.length === 6) {
      const onuIndex = Number(words[1]);
      if (!Number.isInteger(onuIndex) || onuIndex < 1 || onuIndex > 128) return ok('%Error 20200: Parameter error.');
      const a = { frame: mode.frame, slot: mode.slot, port: mode.port, onuIndex };
      if (this.olt.onus.has(this.olt.key(a))) return ok('%Code 32303: The ONU has existed.');
      if (this.olt.findBySerial(words[5]!)) return ok('%Code 32305: The SN has existed.');
      this.olt.add({ ...a, serial: words[5]!, type: words[3]!, name: '' });
      return ok();
    }
    if (words[0] === 'no' && words[1] === 'onu' && words.length === 3) {
      const key = this.olt.key({ ...mode, onuIndex: Number(words[2]) });
      if (!this.olt.onus.delete(key)) return ok('%Code 32301: The ONU does not exist.');
      return ok();
    }
    return INVALID(line);
  }

  private ifOnu(key: string, words: string[], line: string): Reply {
    const onu = this.olt.onus.get(key)!;
    const cmd = words.join(' ');
    if (words[0] === 'name' && words.length === 2) {
      onu.name = words[1]!;
      return ok();
    }
    if (/^tcont 1 profile \S+$/.test(cmd) || cmd === 'gemport 1 tcont 1') return ok();
    const m = /^service-port 1 vport 1 user-vlan (\d+) vlan (\d+)$/.exec(cmd);
    if (m) {
      const vlan = Number(m[2]);
      if (vlan < 1 || vlan > 4094) return ok('%Error 20200: Invalid VLAN ID.');
      onu.vlan = vlan;
      return ok();
    }
    return INVALID(line);
  }

  private onuMng(key: string, words: string[], line: string): Reply {
    const onu = this.olt.onus.get(key)!;
    const cmd = words.join(' ');
    if (/^service ppp gemport 1 vlan \d+$/.test(cmd)) return ok();
    if (cmd === 'reboot')
      return {
        output: '',
        ask: {
          question: 'Confirm to reboot?[yes/no]:',
          answer: (answer) => {
            if (answer.trim() === 'yes') onu.reboots += 1;
            return ok();
          },
        },
      };
    return INVALID(line);
  }

  private card() {
    const fw = this.olt.firmware === 'V1.2' ? 'V1.2.5P3' : 'V2.1.0';
    return [
      'Rack Shelf Slot CfgType RealType Port  HardVer SoftVer         Status',
      '-------------------------------------------------------------------------------',
      table(
        [5, 6, 5, 8, 9, 6, 8, 16],
        [
          [1, 1, 1, 'GTGO', 'GTGO', 8, 'V1.0', fw, 'INSERVICE'],
          [1, 1, 2, 'GTGH', 'GTGH', 16, 'V1.0', fw, 'INSERVICE'],
          [1, 1, 3, 'SMXA', 'SMXA', 3, 'V1.0', fw, 'INSERVICE'],
          [1, 1, 4, 'PRAM', 'PRAM', 0, 'V1.0', '', 'INSERVICE'],
        ],
      ),
    ].join('\n');
  }

  private uncfg() {
    if (this.olt.waiting.length === 0) return 'No related information to show.';
    if (this.olt.firmware === 'V1.2')
      return [
        'OnuIndex                 Sn                  State',
        '---------------------------------------------------------------------',
        table(
          [25, 20],
          this.olt.waiting.map((w, i) => [`gpon-onu_${w.frame}/${w.slot}/${w.port}:${i + 1}`, w.serial, 'unknown']),
        ),
      ].join('\n');
    return [
      'OltIndex            Model                SN                PW',
      '---------------------------------------------------------------------------',
      table(
        [20, 21, 18],
        this.olt.waiting.map((w) => [`gpon-olt_${w.frame}/${w.slot}/${w.port}`, w.model, w.serial, 'N/A']),
      ),
    ].join('\n');
  }

  private state(port: string): Reply {
    const a = OLT.exec(port);
    if (!a || !this.olt.portExists(+a[1]!, +a[2]!, +a[3]!)) return ok('%Error 20200: The interface does not exist.');
    const prefix = `${a[1]}/${a[2]}/${a[3]}:`;
    const onus = [...this.olt.onus.values()].filter((o) => this.olt.key(o).startsWith(prefix));
    if (onus.length === 0) return ok('No related information to show.');
    const phase = { working: 'working', los: 'LOS', dying_gasp: 'DyingGasp', offline: 'OffLine', unknown: 'logging' };
    const omcc = (s: string) => (s === 'working' ? 'enable' : 'disable');
    const rows =
      this.olt.firmware === 'V1.2'
        ? [
            'OnuIndex           Admin State  OMCC State  O7 State   Phase State',
            '------------------------------------------------------------------------',
            table(
              [19, 13, 12, 11],
              onus.map((o) => [
                `gpon-onu_${this.olt.key(o)}`,
                'enable',
                omcc(o.state),
                o.state === 'working' ? 'operation' : 'initial',
                phase[o.state],
              ]),
            ),
          ]
        : [
            'OnuIndex   Admin State  OMCC State  Phase State  Channel',
            '--------------------------------------------------------------',
            table(
              [11, 13, 12, 13],
              onus.map((o) => [this.olt.key(o), 'enable', omcc(o.state), phase[o.state], '1(GPON)']),
            ),
          ];
    return ok([...rows, `ONU Number: ${onus.length}/${onus.length}`].join('\n'));
  }

  private attenuation(name: string): Reply {
    const a = ONU.exec(name);
    const onu = a ? this.olt.onus.get(`${a[1]}/${a[2]}/${a[3]}:${a[4]}`) : undefined;
    if (!onu) return ok('%Error 20200: The interface does not exist.');
    const up = onu.state === 'working';
    const v = (n: number) => (up ? `${n.toFixed(3)}(dbm)` : 'N/A');
    const att = (a: number, b: number) => (up ? `${(a - b).toFixed(3)}(dB)` : 'N/A');
    return ok(
      [
        '           OLT                  ONU              Attenuation',
        '--------------------------------------------------------------------------',
        ` up      Rx :${v(onu.oltRxPowerDbm)}      Tx:${v(onu.txPowerDbm)}        ${att(onu.txPowerDbm, onu.oltRxPowerDbm)}`,
        '',
        ` down    Tx :${v(6.5)}        Rx:${v(onu.rxPowerDbm)}      ${att(6.5, onu.rxPowerDbm)}`,
      ].join('\n'),
    );
  }
}
