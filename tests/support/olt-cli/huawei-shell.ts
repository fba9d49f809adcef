import { huaweiSerialHex, normalizeHuaweiSerial } from '@/lib/fibre/olt/drivers/huawei-parse';
import type { StandInOlt, StandInOnu } from './device';
import { ok, type Reply, type Shell } from './shell';

/**
 * Huawei MA5608T (MA5600 V800) as a session sees it: `MA5608T>` after login, `enable` →
 * `MA5608T#`, `config` → `MA5608T(config)#`, `interface gpon 0/1` →
 * `MA5608T(config-if-gpon-0/1)#`. With `smart` on (until `undo smart`), commands with
 * optional parameters ask `{ <cr>|… }:` first. Output of R013 (bare hex SN, no
 * EquipmentID, `Rx optical power(dBm)`) and R018 (`HWTC-…` SN, EquipmentID,
 * `Rx optical power (dBm)`).
 */
type Mode = 'user' | 'enable' | 'config' | { frame: number; slot: number };

const DASHES = '  -----------------------------------------------------------------------------';
const UNKNOWN = (line: string) =>
  ok(`${' '.repeat(Math.min(line.length, 20) + 2)}^\n  % Unknown command, the error locates at '^'`);
const PARAMETER = (line: string) =>
  ok(`${' '.repeat(Math.min(line.length, 20) + 2)}^\n  % Parameter error, the error locates at '^'`);

export class HuaweiShell implements Shell {
  paging = true;
  smart = true;
  readonly pager = 'huawei' as const;
  private mode: Mode = 'user';

  constructor(private readonly olt: StandInOlt) {}

  prompt() {
    const h = this.olt.hostname;
    if (this.mode === 'user') return `${h}>`;
    if (this.mode === 'enable') return `${h}#`;
    if (this.mode === 'config') return `${h}(config)#`;
    return `${h}(config-if-gpon-${this.mode.frame}/${this.mode.slot})#`;
  }

  /** With smart on, a command with optional parameters asks first; Enter takes the default. */
  private smartly(question: string, answer: () => Reply): Reply {
    if (!this.smart) return answer();
    return {
      output: '',
      ask: {
        question,
        answer: (a) => (a.trim() === '' ? answer() : ok("  % Unknown command, the error locates at '^'")),
      },
    };
  }

  exec(line: string): Reply {
    const words = line.trim().split(/\s+/);
    const cmd = words.join(' ');
    if (cmd === '') return ok();
    if (cmd === 'quit') return this.quit();
    if (this.mode === 'user') {
      if (cmd === 'enable') this.mode = 'enable';
      else return UNKNOWN(line);
      return ok();
    }
    if (cmd === 'undo smart') {
      this.smart = false;
      return ok();
    }
    if (cmd === 'screen-length 0 temporary') {
      this.paging = false;
      return ok();
    }
    if (cmd === 'config') {
      this.mode = 'config';
      return ok();
    }
    if (cmd === 'display version')
      return this.smartly('{ <cr>|backplane<K>|frameid/slotid<S><Length 1-15> }:', () => ok(this.version()));
    if (cmd === 'display board 0') return this.smartly('{ <cr>|slotid<U><0,2> }:', () => ok(this.boards()));
    if (cmd === 'display ont autofind all') return this.smartly('{ <cr>||<K> }:', () => this.autofind());
    if (this.mode === 'enable') return UNKNOWN(line);
    if (typeof this.mode === 'object') return this.inGpon(this.mode, words, line);
    return this.config(words, line);
  }

  private quit(): Reply {
    if (typeof this.mode === 'object') this.mode = 'config';
    else if (this.mode === 'config') this.mode = 'enable';
    else
      return {
        output: '',
        ask: {
          question: '  Are you sure to log out? (y/n)[n]:',
          answer: (a) => (a.trim() === 'y' ? { output: '', logout: true } : ok()),
        },
      };
    return ok();
  }

  private config(words: string[], line: string): Reply {
    const cmd = words.join(' ');
    let m = /^interface gpon (\d+)\/(\d+)$/.exec(cmd);
    if (m) {
      if (!this.olt.portExists(+m[1]!, +m[2]!, 0)) return ok('Failure: The board does not exist');
      this.mode = { frame: +m[1]!, slot: +m[2]! };
      return ok();
    }
    m =
      /^service-port vlan (\d+) gpon (\d+)\/(\d+)\/(\d+) ont (\d+) gemport (\d+) multi-service user-vlan (\d+) tag-transform translate$/.exec(
        cmd,
      );
    if (m) {
      const [vlan, frame, slot, port, onuIndex] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
      if (vlan < 1 || vlan > 4094) return PARAMETER(line);
      const onu = this.olt.onus.get(this.olt.key({ frame, slot, port, onuIndex }));
      if (!onu) return ok('Failure: The ONT does not exist');
      onu.servicePorts.push(this.olt.allocateServicePort());
      onu.vlan = vlan;
      return ok();
    }
    m = /^display service-port port (\d+)\/(\d+)\/(\d+) ont (\d+)$/.exec(cmd);
    if (m) {
      const onu = this.olt.onus.get(`${m[1]}/${m[2]}/${m[3]}:${m[4]}`);
      if (!onu || onu.servicePorts.length === 0) return ok('Failure: No service virtual port can be operated');
      return ok(this.servicePorts(onu));
    }
    m = /^undo service-port (\d+)$/.exec(cmd);
    if (m) {
      const onu = [...this.olt.onus.values()].find((o) => o.servicePorts.includes(Number(m![1])));
      if (!onu) return ok('Failure: The service virtual port does not exist');
      onu.servicePorts = onu.servicePorts.filter((i) => i !== Number(m![1]));
      return ok();
    }
    return UNKNOWN(line);
  }

  private inGpon(at: { frame: number; slot: number }, words: string[], line: string): Reply {
    const cmd = words.join(' ');
    const m =
      /^ont add (\d+) (\d+) sn-auth (\S+) omci ont-lineprofile-id (\d+) ont-srvprofile-id (\d+) desc (\S+)$/.exec(cmd);
    if (m) {
      const port = Number(m[1]);
      const onuIndex = Number(m[2]);
      if (!this.olt.portExists(at.frame, at.slot, port) || onuIndex > 127) return PARAMETER(line);
      if (!this.olt.lineProfiles.has(m[4]!)) return ok('Failure: The line profile does not exist');
      const serial = normalizeHuaweiSerial(m[3]!);
      if (this.olt.onus.has(this.olt.key({ ...at, port, onuIndex })))
        return ok('Failure: The ONT ID has already existed');
      if (this.olt.findBySerial(serial)) return ok('Failure: SN already exists');
      this.olt.add({ ...at, port, onuIndex, serial, type: 'OMCI', name: m[6]! });
      return ok(`  Number of ONTs that can be added: 1, success: 1\n  PortID :${port}, ONTID :${onuIndex}`);
    }
    let n = /^ont delete (\d+) (\d+)$/.exec(cmd);
    if (n) {
      const key = this.olt.key({ ...at, port: +n[1]!, onuIndex: +n[2]! });
      const onu = this.olt.onus.get(key);
      if (!onu) return ok('Failure: The ONT does not exist');
      if (onu.servicePorts.length > 0) return ok('Failure: This configured object has some service virtual ports');
      this.olt.onus.delete(key);
      return ok('  Number of ONTs that can be deleted: 1, success: 1');
    }
    n = /^ont reset (\d+) (\d+)$/.exec(cmd);
    if (n) {
      const onu = this.olt.onus.get(this.olt.key({ ...at, port: +n[1]!, onuIndex: +n[2]! }));
      if (!onu) return ok('Failure: The ONT does not exist');
      return {
        output: '',
        ask: {
          question: '  Are you sure to reset the ONT(s)? (y/n)[n]:',
          answer: (a) => {
            if (a.trim() === 'y') onu.reboots += 1;
            return ok();
          },
        },
      };
    }
    n = /^display ont (info|optical-info) (\d+) (\d+)$/.exec(cmd);
    if (n) {
      const onu = this.olt.onus.get(this.olt.key({ ...at, port: +n[2]!, onuIndex: +n[3]! }));
      if (!onu) return ok('Failure: The ONT does not exist');
      if (n[1] === 'info') return ok(this.ontInfo(onu));
      if (onu.state !== 'working') return ok('Failure: The ONT is not online');
      return ok(this.optical(onu));
    }
    return UNKNOWN(line);
  }

  private version() {
    const v = this.olt.firmware === 'R013' ? 'MA5600V800R013C10' : 'MA5600V800R018C10';
    return [
      '',
      `  VERSION : ${v}`,
      '  PATCH   : SPC200',
      '  PRODUCT : MA5608T',
      '',
      '  Active Mainboard Running Area Information:',
      DASHES,
      '  Current Program Area : Area A',
    ].join('\n');
  }

  private boards() {
    return [
      '  -------------------------------------------------------------------------',
      '  SlotID  BoardName  Status          SubType0 SubType1    Online/Offline',
      '  -------------------------------------------------------------------------',
      '  0       H901MPLA   Active_normal',
      '  1       H901GPHF   Normal',
      '  2',
      '  -------------------------------------------------------------------------',
    ].join('\n');
  }

  private autofind(): Reply {
    if (this.olt.waiting.length === 0) return ok('  Failure: The automatically found ONTs do not exist');
    const old = this.olt.firmware === 'R013';
    const blocks = this.olt.waiting.map((w, i) => {
      const hex = huaweiSerialHex(w.serial);
      const lines = [
        `   Number              : ${i + 1}`,
        `   F/S/P               : ${w.frame}/${w.slot}/${w.port}`,
        `   Ont SN              : ${old ? hex : `${hex} (${w.serial.slice(0, 4)}-${w.serial.slice(4)})`}`,
        '   Password            : 0x00000000000000000000',
        '   Loid                :',
        '   Checkcode           :',
        `   VendorID            : ${w.serial.slice(0, 4)}`,
        '   Ont Version         : 159D.A',
        '   Ont SoftwareVersion : V5R019C10S125',
        ...(old ? [] : [`   Ont EquipmentID     : ${w.model}`]),
        '   Ont autofind time   : 2026-12-07 08:00:00+07:00',
      ];
      return lines.join('\n');
    });
    return ok(
      [
        `   ${DASHES.trim()}`,
        blocks.join(`\n   ${DASHES.trim()}\n`),
        `   ${DASHES.trim()}`,
        `   The number of GPON autofind ONT is ${blocks.length}`,
      ].join('\n'),
    );
  }

  private servicePorts(onu: StandInOnu) {
    return [
      '  Switch-Oriented Flow List',
      DASHES,
      '   INDEX VLAN VLAN     PORT F/ S/ P VPI  VCI   FLOW  FLOW       RX   TX   STATE',
      '         ID   ATTR     TYPE                    TYPE  PARA',
      DASHES,
      ...onu.servicePorts.map(
        (i) =>
          `  ${String(i).padStart(6)} ${String(onu.vlan).padStart(4)} common   gpon ${onu.frame}/${onu.slot} /${onu.port}  ${onu.onuIndex}    1     vlan  ${onu.vlan}        35   35   up`,
      ),
      DASHES,
      `   Total : ${onu.servicePorts.length}  (Up/Down :    ${onu.servicePorts.length}/0)`,
    ].join('\n');
  }

  private ontInfo(onu: StandInOnu) {
    const up = onu.state === 'working';
    const cause = {
      working: '-',
      los: 'LOSi/LOBi',
      dying_gasp: 'dying-gasp',
      offline: 'ONT is deactivated',
      unknown: '-',
    }[onu.state];
    return [
      DASHES,
      `  F/S/P                   : ${onu.frame}/${onu.slot}/${onu.port}`,
      `  ONT-ID                  : ${onu.onuIndex}`,
      '  Control flag            : active',
      `  Run state               : ${up ? 'online' : 'offline'}`,
      '  Config state            : normal',
      '  Match state             : match',
      `  SN                      : ${huaweiSerialHex(onu.serial)} (${onu.serial.slice(0, 4)}-${onu.serial.slice(4)})`,
      '  Management mode         : OMCI',
      `  Description             : ${onu.name}`,
      `  Last down cause         : ${cause}`,
      DASHES,
    ].join('\n');
  }

  private optical(onu: StandInOnu) {
    const sp = this.olt.firmware === 'R013' ? '' : ' ';
    return [
      DASHES,
      '  ONU NNI port ID                        : 0',
      '  Module type                            : GPON',
      '  Vendor name                            : HUAWEI',
      `  Rx optical power${sp}(dBm)${' '.repeat(sp ? 17 : 18)}: ${onu.rxPowerDbm.toFixed(2)}`,
      '  Rx power current warning threshold(dBm): [-,-]',
      '  Rx power current alarm threshold(dBm)  : [-29.0,-7.0]',
      `  Tx optical power${sp}(dBm)${' '.repeat(sp ? 17 : 18)}: ${onu.txPowerDbm.toFixed(2)}`,
      '  Laser bias current(mA)                 : 12',
      '  Temperature(C)                         : 45',
      '  Voltage(V)                             : 3.280',
      `  OLT Rx ONT optical power(dBm)          : ${onu.oltRxPowerDbm.toFixed(2)}, out of range[-35.00, -15.00]`,
      '  CATV Rx optical power(dBm)             : -',
      DASHES,
    ].join('\n');
  }
}
