import type { Db } from '@/db/client';
import type { AcsAccess } from '@/lib/fibre/acs/access';
import { configureModem } from '@/lib/fibre/acs/configure';
import { followModemTask } from '@/lib/fibre/acs/tasks';
import { readOnuOptics, registerOnu } from '@/lib/fibre/olt/register';
import type { OltAccess } from '@/lib/fibre/types';
import type { ActivationDevices } from './devices';

/**
 * The real devices of an activation: the OLT's registration and optics over `olts` (the
 * worker's session pool, or a test's), and the organization's GenieACS over `acs`.
 */
export function activationDevices(
  olts: OltAccess,
  acs: AcsAccess,
  pauses?: ActivationDevices['pauses'],
): ActivationDevices {
  return {
    olts,
    registerOnu: (db: Db, access, p) => registerOnu(db, access, p),
    readOnuOptics: (db: Db, access, p) => readOnuOptics(db, access, p),
    configureModem: (db: Db, p) => configureModem(db, acs, p),
    followModemTask: (db: Db, p) => followModemTask(db, acs, p),
    pauses,
  };
}
