import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { modemCard, requestModemSearch } from './modem';
import { acsSettingsSchema, getAcsSettings, requestAcsCheck, saveAcsSettings } from './settings';
import { requestFactoryReset, requestModemTask, requestPppoePush, wifiDetail } from './tasks';

const id = z.string().uuid('validation.invalid');
const deviceRef = z.object({ acsDeviceId: id });
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** An SSID is 1–32 bytes (IEEE 802.11), not characters: an emoji takes four. */
const ssid = z
  .string()
  .trim()
  .max(64, 'validation.ssid')
  .refine((s) => bytes(s) >= 1 && bytes(s) <= 32, 'validation.ssid');
/** A WPA2 passphrase is 8–63 printable ASCII characters. */
const wpaPassword = z.string().regex(/^[\x20-\x7e]{8,63}$/, 'validation.wpaPassword');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const acsSettingsOp = defineOperation({
  name: 'acs.settings',
  permission: 'organization.settings',
  input: z.object({}),
  run: (ctx) => getAcsSettings(ctx.db, { orgId: ctx.orgId }),
});

export const saveAcsSettingsOp = defineOperation({
  name: 'acs.saveSettings',
  permission: 'organization.settings',
  input: acsSettingsSchema,
  run: (ctx, input) => saveAcsSettings(ctx.db, { ...ctx.actor, input }),
});

export const checkAcsOp = defineOperation({
  name: 'acs.check',
  permission: 'organization.settings',
  input: z.object({}),
  run: (ctx) => requestAcsCheck(ctx.db, ctx.actor),
});

/** The customer page's modem card (hidden when the organization has no ACS). */
export const modemCardOp = defineOperation({
  name: 'acs.modem',
  permission: 'devices.view',
  input: z.object({ subscriptionId: id }),
  run: (ctx, input) => modemCard(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const findModemOp = defineOperation({
  name: 'acs.findModem',
  permission: 'devices.manage',
  input: z.object({ subscriptionId: id }),
  run: (ctx, input) => requestModemSearch(ctx.db, { ...ctx.actor, ...input }),
});

export const refreshModemOp = defineOperation({
  name: 'acs.refresh',
  permission: 'devices.view',
  input: deviceRef,
  run: (ctx, input) => requestModemTask(ctx.db, { ...ctx.actor, ...input, kind: 'refresh' }),
});

export const setWifiOp = defineOperation({
  name: 'acs.setWifi',
  permission: 'devices.manage',
  input: deviceRef
    .extend({
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
    const { acsDeviceId, ...wifi } = input;
    return requestModemTask(ctx.db, { ...ctx.actor, acsDeviceId, kind: 'wifi', detail: wifiDetail(wifi) });
  },
});

/** The subscription's own PPPoE username and password (read from it when the job runs). */
export const pushPppoeOp = defineOperation({
  name: 'acs.pushPppoe',
  permission: 'devices.manage',
  input: deviceRef,
  run: (ctx, input) => requestPppoePush(ctx.db, { ...ctx.actor, ...input }),
});

export const rebootModemOp = defineOperation({
  name: 'acs.reboot',
  permission: 'devices.manage',
  input: deviceRef,
  run: (ctx, input) => requestModemTask(ctx.db, { ...ctx.actor, ...input, kind: 'reboot' }),
});

/** Wipes the customer's modem settings: NOC only, confirmed by typing the modem's serial. */
export const factoryResetModemOp = defineOperation({
  name: 'acs.factoryReset',
  permission: 'devices.reset',
  input: deviceRef.extend({ confirm: z.string().trim().max(64, 'validation.tooLong') }),
  run: (ctx, input) => requestFactoryReset(ctx.db, { ...ctx.actor, ...input }),
});
