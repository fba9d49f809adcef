import type { GatewayName } from '@/lib/payments/types';
import { startFakeDuitku } from './duitku';
import { startFakeMidtrans } from './midtrans';
import { startFakeTripay } from './tripay';
import type { GatewayFake } from './types';
import { startFakeXendit } from './xendit';

/** Stand-ins with production-looking keys: the tests save the accounts in production mode. */
export const START_FAKE: Record<GatewayName, () => Promise<GatewayFake>> = {
  midtrans: () => startFakeMidtrans({ live: true }),
  xendit: () => startFakeXendit({ live: true }),
  tripay: startFakeTripay,
  duitku: startFakeDuitku,
};

/** Env variable that points the app's gateway module at a stand-in (lib/env.ts). */
export const API_URL_ENV: Record<GatewayName, string> = {
  midtrans: 'MIDTRANS_API_URL',
  xendit: 'XENDIT_API_URL',
  tripay: 'TRIPAY_API_URL',
  duitku: 'DUITKU_API_URL',
};
