import type { OltVendor, OnuState } from '@/db/enums';

/**
 * What every OLT driver does (lib/fibre/olt/drivers/<vendor>.ts), over one prompt-driven
 * command-line session the worker keeps per OLT. Ports and ONUs are addressed the way the
 * vendor numbers them; errors are thrown as OltError with a clear kind.
 */
export type PonAddress = { frame: number; slot: number; port: number };
export type OnuAddress = PonAddress & { onuIndex: number };

export type UnconfiguredOnu = PonAddress & {
  serial: string;
  /** What the OLT reports of it (equipment id / type / firmware), when it does. */
  model?: string | null;
};

export type OnuOptics = {
  state: OnuState;
  /** The ONU's received power (dBm); null when it is not up. */
  rxPowerDbm: number | null;
  txPowerDbm?: number | null;
  /** The OLT's received power from this ONU (dBm). */
  oltRxPowerDbm?: number | null;
};

/** Everything a registration needs; the template's values fill the rest. */
export type OnuRegistration = OnuAddress & {
  serial: string;
  name: string;
  /** The template's values (ONU type, profiles, VLAN, …) after any per-registration override. */
  values: Record<string, string>;
};

export type OltInfo = { model: string | null; firmware: string | null; ponPorts: PonAddress[] };

export interface OltDriver {
  readonly vendor: OltVendor;
  info(): Promise<OltInfo>;
  listUnconfigured(): Promise<UnconfiguredOnu[]>;
  /** The exact command lines a registration sends (the preview shows these). */
  registrationCommands(spec: OnuRegistration, template: string): string[];
  register(spec: OnuRegistration, template: string): Promise<{ commands: string[] }>;
  remove(onu: OnuAddress): Promise<void>;
  reboot(onu: OnuAddress): Promise<void>;
  optics(onu: OnuAddress): Promise<OnuOptics>;
}

/**
 * How lib reaches an OLT: the worker implements it with its session pool (workers/olt-pool.ts);
 * tests with a session to a CLI stand-in. `fn` runs with the OLT's session held, so commands
 * of two jobs never interleave.
 */
export interface OltAccess {
  run<T>(p: { orgId: string; oltId: string }, fn: (driver: OltDriver) => Promise<T>): Promise<T>;
}

/** One ONU as an SNMP walk of the OLT reads it. */
export type PolledOnu = OnuAddress & { state: OnuState; rxPowerDbm: number | null };

/** How lib polls an OLT's SNMP agent (lib/fibre/snmp). */
export interface OltPoller {
  poll(p: { orgId: string; oltId: string }): Promise<PolledOnu[]>;
}
