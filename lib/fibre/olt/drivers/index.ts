import type { OltVendor } from '@/db/enums';
import type { OltDriver } from '../../types';
import { OltSession, type SessionOptions } from '../session';
import { HuaweiDriver } from './huawei';
import { ZteDriver } from './zte';

/** A logged-in, pager-free session to the OLT and its vendor's driver. */
export async function openDriver(
  vendor: OltVendor,
  opts: SessionOptions & { enablePassword: string | null },
): Promise<{ session: OltSession; driver: OltDriver }> {
  const session = await OltSession.open(opts);
  try {
    if (vendor === 'zte') {
      await ZteDriver.prepare(session, opts.enablePassword);
      return { session, driver: new ZteDriver(session) };
    }
    await HuaweiDriver.prepare(session);
    return { session, driver: new HuaweiDriver(session) };
  } catch (error) {
    session.close();
    throw error;
  }
}
