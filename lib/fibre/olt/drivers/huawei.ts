import type { OltDriver, OltInfo, OnuAddress, OnuOptics, OnuRegistration, UnconfiguredOnu } from '../../types';
import type { OltSession } from '../session';
import { registrationCommands } from '../templates';
import {
  parseHuaweiAutofind,
  parseHuaweiBoards,
  parseHuaweiOntState,
  parseHuaweiOptics,
  parseHuaweiServicePorts,
  parseHuaweiVersion,
} from './huawei-parse';

// Empty answers Huawei gives as a Failure: none found, no service port to show.
const NO_AUTOFIND = /automatically found ONTs do not exist|do not exist/i;
const NO_SERVICE_PORT = /No service virtual port/i;

/**
 * Huawei SmartAX MA5608T/MA5683T/MA5800 (MA5600 V800). Login lands in user mode
 * (`MA5608T>`): `enable`, then `undo smart` (no `{ <cr>|… }:` questions where the session
 * can avoid them) and `screen-length 0 temporary` (no pager). Every operation works from
 * `config` and `interface gpon F/S`, and quits back to `MA5608T#`.
 */
export class HuaweiDriver implements OltDriver {
  readonly vendor = 'huawei' as const;
  constructor(private readonly s: OltSession) {}

  static async prepare(s: OltSession) {
    if (s.current.endsWith('>')) await s.command('enable');
    await s.command('undo smart');
    await s.command('screen-length 0 temporary');
  }

  private async base() {
    // `quit` at MA5608T# would log out: only leave modes (a prompt with parentheses).
    for (let i = 0; i < 4 && this.s.current.includes('('); i++) await this.s.command('quit');
  }

  private async inConfig<T>(fn: () => Promise<T>): Promise<T> {
    await this.base();
    try {
      await this.s.command('config');
      return await fn();
    } finally {
      if (this.s.usable) await this.base().catch(() => undefined);
    }
  }

  async info(): Promise<OltInfo> {
    return this.inConfig(async () => {
      const version = parseHuaweiVersion(await this.s.command('display version'));
      const ponPorts = parseHuaweiBoards(await this.s.command('display board 0'));
      return { ...version, ponPorts };
    });
  }

  async listUnconfigured(): Promise<UnconfiguredOnu[]> {
    return this.inConfig(async () =>
      parseHuaweiAutofind(await this.s.command('display ont autofind all', { tolerate: NO_AUTOFIND })),
    );
  }

  registrationCommands(spec: OnuRegistration, template: string): string[] {
    return registrationCommands('huawei', spec, template);
  }

  async register(spec: OnuRegistration, template: string) {
    const commands = this.registrationCommands(spec, template);
    try {
      await this.inConfig(async () => {
        for (const line of commands.slice(1, -1)) await this.s.command(line);
      });
    } catch (error) {
      // A half-registered ONT (added, service port refused) is taken back off the port.
      if (this.s.usable) await this.remove(spec).catch(() => undefined);
      throw error;
    }
    return { commands };
  }

  async remove(onu: OnuAddress) {
    await this.inConfig(async () => {
      // Huawei refuses to delete an ONT that still has service ports.
      const listed = await this.s.command(
        `display service-port port ${onu.frame}/${onu.slot}/${onu.port} ont ${onu.onuIndex}`,
        { tolerate: NO_SERVICE_PORT },
      );
      for (const index of parseHuaweiServicePorts(listed)) await this.s.command(`undo service-port ${index}`);
      await this.s.command(`interface gpon ${onu.frame}/${onu.slot}`);
      await this.s.command(`ont delete ${onu.port} ${onu.onuIndex}`);
    });
  }

  async reboot(onu: OnuAddress) {
    await this.inConfig(async () => {
      await this.s.command(`interface gpon ${onu.frame}/${onu.slot}`);
      await this.s.command(`ont reset ${onu.port} ${onu.onuIndex}`, { confirm: true });
    });
  }

  async optics(onu: OnuAddress): Promise<OnuOptics> {
    return this.inConfig(async () => {
      await this.s.command(`interface gpon ${onu.frame}/${onu.slot}`);
      const state = parseHuaweiOntState(await this.s.command(`display ont info ${onu.port} ${onu.onuIndex}`));
      if (state !== 'working') return { state, rxPowerDbm: null, txPowerDbm: null, oltRxPowerDbm: null };
      const levels = parseHuaweiOptics(await this.s.command(`display ont optical-info ${onu.port} ${onu.onuIndex}`));
      return { state, ...levels };
    });
  }
}
