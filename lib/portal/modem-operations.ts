import { z } from 'zod';
import { portalModems, requestPortalModemTask } from './modem';
import { definePortalOperation } from './operation';

const id = z.string().uuid('validation.invalid');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** The staff card's rules (lib/fibre/acs/operations.ts): an SSID is 1–32 bytes, WPA2 8–63 printable ASCII. */
const ssid = z
  .string()
  .trim()
  .max(64, 'validation.ssid')
  .refine((s) => bytes(s) >= 1 && bytes(s) <= 32, 'validation.ssid');
const wpaPassword = z.string().regex(/^[\x20-\x7e]{8,63}$/, 'validation.wpaPassword');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const portalModemsOp = definePortalOperation({
  name: 'portal.modems',
  input: z.object({}),
  run: (ctx) => portalModems(ctx.db, ctx),
});

export const portalSetWifiOp = definePortalOperation({
  name: 'portal.setWifi',
  input: z
    .object({
      subscriptionId: id,
      ssid24: optional(ssid),
      password24: optional(wpaPassword),
      ssid5: optional(ssid),
      password5: optional(wpaPassword),
    })
    .refine((w) => w.ssid24 || w.password24 || w.ssid5 || w.password5, {
      path: ['ssid24'],
      message: 'validation.required',
    }),
  run: (ctx, input) => {
    const { subscriptionId, ...wifi } = input;
    return requestPortalModemTask(ctx.db, ctx, { subscriptionId, kind: 'wifi', wifi });
  },
});

export const portalRebootModemOp = definePortalOperation({
  name: 'portal.rebootModem',
  input: z.object({ subscriptionId: id }),
  run: (ctx, input) => requestPortalModemTask(ctx.db, ctx, { ...input, kind: 'reboot' }),
});
