import type { Db } from '@/db/client';
import type { OltAccess, OnuOptics } from '@/lib/fibre/types';

/**
 * What the activation asks of the devices, behind one small interface: the OLT (register an
 * ONU, read its optics; lib/fibre/olt/register.ts over the worker's session pool) and the
 * ACS (push PPPoE and WiFi; lib/fibre/acs/configure.ts). The worker binds the real ones
 * (./bind.ts); tests bind the same functions to the CLI and NBI stand-ins.
 */
export type ActivationDevices = {
  olts: OltAccess;
  registerOnu: (
    db: Db,
    olts: OltAccess,
    p: {
      orgId: string;
      oltId: string;
      ponPortId: string;
      serial: string;
      name?: string;
      subscriptionId?: string;
      actorUserId: string | null;
    },
  ) => Promise<{ id: string; onuIndex: number }>;
  readOnuOptics: (db: Db, olts: OltAccess, p: { orgId: string; onuId: string }) => Promise<OnuOptics>;
  /** Null when the organization has no ACS: the modem step is then skipped. */
  configureModem: (
    db: Db,
    p: {
      orgId: string;
      subscriptionId: string;
      serial: string;
      pppoe?: { username: string; password: string };
      wifi?: { ssid: string; password: string };
    },
  ) => Promise<{ status: 'done' | 'queued'; taskIds: string[] }>;
  /**
   * Looks once at a task GenieACS queued (the modem runs it at its next inform) and records
   * its end on the acs_tasks row; throws while the modem has not informed yet.
   */
  followModemTask: (db: Db, p: { orgId: string; taskId: string }) => Promise<unknown>;
  /** Pauses between reads of a step that waits (tests make them short). */
  pauses?: { signalMs?: number; modemMs?: number };
};
