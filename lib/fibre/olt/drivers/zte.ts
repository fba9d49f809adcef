import type { OltDriver, OltInfo, OnuAddress, OnuOptics, OnuRegistration, UnconfiguredOnu } from '../../types';
import type { OltSession } from '../session';
import { registrationCommands } from '../templates';
import { parseZteAttenuation, parseZteCards, parseZteStates, parseZteUncfg } from './zte-parse';

const onuName = (o: OnuAddress) => `gpon-onu_${o.frame}/${o.slot}/${o.port}:${o.onuIndex}`;
const portName = (o: OnuAddress) => `gpon-olt_${o.frame}/${o.slot}/${o.port}`;
// "No related information to show." (or a %Code saying so): an empty list, not a failure.
const NOTHING = /No related information/i;

/**
 * ZTE ZXA10 C300/C320 (ZXAN). Privileged mode after login on most firmware (`ZXAN#`); some
 * ask for `enable` and its password. Configuration goes through `configure terminal` and
 * ends with `end`, so every operation starts and ends at `ZXAN#`.
 */
export class ZteDriver implements OltDriver {
  readonly vendor = 'zte' as const;
  constructor(private readonly s: OltSession) {}

  /** After login: privileged mode, no pager. */
  static async prepare(s: OltSession, enablePassword: string | null) {
    if (s.current.endsWith('>')) await s.commandWithPassword('enable', enablePassword ?? '');
    await s.command('terminal length 0');
  }

  private async base() {
    if (this.s.current.includes('(')) await this.s.command('end');
  }

  /** Runs configuration lines, always back at `ZXAN#` afterwards (even when one is refused). */
  private async configure(lines: string[], opts: { confirmLast?: boolean } = {}) {
    await this.base();
    try {
      for (const [i, line] of lines.entries())
        await this.s.command(line, { confirm: opts.confirmLast && i === lines.length - 1 });
    } finally {
      if (this.s.usable) await this.base().catch(() => undefined);
    }
  }

  async info(): Promise<OltInfo> {
    await this.base();
    return parseZteCards(await this.s.command('show card'));
  }

  async listUnconfigured(): Promise<UnconfiguredOnu[]> {
    await this.base();
    return parseZteUncfg(await this.s.command('show gpon onu uncfg', { tolerate: NOTHING }));
  }

  registrationCommands(spec: OnuRegistration, template: string): string[] {
    return registrationCommands('zte', spec, template);
  }

  async register(spec: OnuRegistration, template: string) {
    const commands = this.registrationCommands(spec, template);
    try {
      await this.configure(commands.slice(0, -1));
    } catch (error) {
      // A half-registered ONU is taken back off the port, so a retry starts clean.
      if (this.s.usable) await this.remove(spec).catch(() => undefined);
      throw error;
    }
    return { commands };
  }

  async remove(onu: OnuAddress) {
    await this.configure(['configure terminal', `interface ${portName(onu)}`, `no onu ${onu.onuIndex}`]);
  }

  async reboot(onu: OnuAddress) {
    await this.configure(['configure terminal', `pon-onu-mng ${onuName(onu)}`, 'reboot'], { confirmLast: true });
  }

  async optics(onu: OnuAddress): Promise<OnuOptics> {
    await this.base();
    const states = parseZteStates(await this.s.command(`show gpon onu state ${portName(onu)}`, { tolerate: NOTHING }));
    const state = states.get(onu.onuIndex) ?? 'unknown';
    if (state !== 'working') return { state, rxPowerDbm: null, txPowerDbm: null, oltRxPowerDbm: null };
    const levels = parseZteAttenuation(await this.s.command(`show pon power attenuation ${onuName(onu)}`));
    return { state, ...levels };
  }
}
