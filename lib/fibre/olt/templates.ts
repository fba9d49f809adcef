import type { OltTemplate, OltVendor } from '@/db/enums';
import { AppError } from '@/lib/server/errors';
import type { OnuRegistration } from '../types';
import { huaweiSerialHex } from './drivers/huawei-parse';

/**
 * Registration templates: the commands an OLT is sent to register one ONU, with
 * {placeholders}. Where the ONU is and what it is (`frame slot port onuIndex serial name`)
 * come from the registration; everything an ISP sets its own way (ONU type, profiles, VLAN,
 * GEM port, service port id) is a value of the template, which a registration may override.
 * A placeholder that is neither is refused, so a typo never reaches an OLT.
 */

export const REGISTRATION_PLACEHOLDERS = ['frame', 'slot', 'port', 'onuIndex', 'serial', 'name'] as const;

const ZTE_COMMANDS = `interface gpon-olt_{frame}/{slot}/{port}
onu {onuIndex} type {onuType} sn {serial}
exit
interface gpon-onu_{frame}/{slot}/{port}:{onuIndex}
name {name}
tcont 1 profile {lineProfile}
gemport 1 tcont 1
service-port 1 vport 1 user-vlan {vlan} vlan {vlan}
exit
pon-onu-mng gpon-onu_{frame}/{slot}/{port}:{onuIndex}
service ppp gemport 1 vlan {vlan}
exit`;

const HUAWEI_COMMANDS = `interface gpon {frame}/{slot}
ont add {port} {onuIndex} sn-auth {serial} omci ont-lineprofile-id {lineProfile} ont-srvprofile-id {serviceProfile} desc {name}
quit
service-port vlan {vlan} gpon {frame}/{slot}/{port} ont {onuIndex} gemport {gemport} multi-service user-vlan {vlan} tag-transform translate`;

export function defaultTemplate(vendor: OltVendor): OltTemplate {
  return vendor === 'zte'
    ? { commands: ZTE_COMMANDS, values: { onuType: 'ZTE-F670L', lineProfile: 'UP-100M', vlan: '100' } }
    : { commands: HUAWEI_COMMANDS, values: { lineProfile: '10', serviceProfile: '10', vlan: '100', gemport: '1' } };
}

/** A value or name as a CLI word: no spaces, quotes or control characters can split a command. */
export const CLI_WORD = /^[A-Za-z0-9_.\-/:]{1,64}$/;
export const VALUE_KEY = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;
const PLACEHOLDER = /\{([^{}\s]*)\}/g;
/**
 * Any control character but the line break: a carriage return inside a line sends two
 * commands where the preview shows one, a tab asks the OLT to complete a word, ESC or
 * Ctrl-U rewrite the line the OLT runs. None of it shows in the preview.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

/** Commands as a textarea sends them (CRLF) with plain line breaks. */
export function normalizeCommands(commands: string): string {
  return commands.replace(/\r\n/g, '\n');
}

/** The names the commands use. */
export function placeholdersOf(commands: string): string[] {
  return [...new Set([...commands.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * A template the operator saved must only use known placeholders and CLI-safe values.
 * Field errors point at what to fix: `commands` (unknown placeholder) or `values.<key>`.
 */
export function assertTemplate(template: OltTemplate) {
  const fieldErrors: Record<string, string> = {};
  for (const [key, value] of Object.entries(template.values)) {
    if (!VALUE_KEY.test(key)) fieldErrors[`values.${key}`] = 'validation.templateValueName';
    else if (!CLI_WORD.test(value)) fieldErrors[`values.${key}`] = 'validation.cliWord';
  }
  const known = new Set<string>([...REGISTRATION_PLACEHOLDERS, ...Object.keys(template.values)]);
  const unknown = placeholdersOf(template.commands).filter((p) => !known.has(p));
  if (unknown.length > 0) fieldErrors.commands = 'validation.templatePlaceholder';
  if (template.commands.split('\n').every((l) => l.trim() === '')) fieldErrors.commands = 'validation.required';
  if (CONTROL.test(normalizeCommands(template.commands))) fieldErrors.commands = 'validation.noControlCharacters';
  if (Object.keys(fieldErrors).length === 0) return;
  // The placeholder message names them; anything else is the field's own message.
  if (unknown.length > 0 && fieldErrors.commands === 'validation.templatePlaceholder')
    throw new AppError('olt_template_invalid', { placeholders: unknown.map((p) => `{${p}}`).join(', ') }, fieldErrors);
  throw new AppError('validation', {}, fieldErrors);
}

/**
 * A registration name as the OLT stores it (ZTE `name`, Huawei `desc`): one word, what the
 * CLI accepts (customer names have spaces and apostrophes).
 */
export function cliName(name: string): string {
  const word = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32);
  return word || 'onu';
}

/** The template's lines with every placeholder filled: exactly what the OLT is sent. */
export function renderTemplate(commands: string, spec: OnuRegistration, serialAs?: (s: string) => string): string[] {
  const fill: Record<string, string> = {
    ...spec.values,
    frame: String(spec.frame),
    slot: String(spec.slot),
    port: String(spec.port),
    onuIndex: String(spec.onuIndex),
    serial: serialAs ? serialAs(spec.serial) : spec.serial,
    name: cliName(spec.name),
  };
  const unknown = placeholdersOf(commands).filter((p) => fill[p] === undefined);
  if (unknown.length > 0)
    throw new AppError(
      'olt_template_invalid',
      { placeholders: unknown.map((p) => `{${p}}`).join(', ') },
      { commands: 'validation.templatePlaceholder' },
    );
  for (const [key, value] of Object.entries(spec.values))
    if (!CLI_WORD.test(value)) throw new AppError('validation', {}, { [`values.${key}`]: 'validation.cliWord' });
  // A template stored before this check (or written to the row directly) is refused here too.
  if (CONTROL.test(normalizeCommands(commands)))
    throw new AppError('validation', {}, { commands: 'validation.noControlCharacters' });
  return normalizeCommands(commands)
    .split('\n')
    .map((line) => line.replace(PLACEHOLDER, (_, p: string) => fill[p]!).trim())
    .filter((line) => line !== '' && !line.startsWith('!'));
}

/**
 * Everything a registration sends, in order: the template's lines inside the vendor's
 * configuration mode (ZTE `configure terminal` … `end`, Huawei `config` … `quit`). The
 * preview shows this list and the driver sends exactly it. Huawei's `sn-auth` takes the
 * serial in its 16-hex form.
 */
export function registrationCommands(vendor: OltVendor, spec: OnuRegistration, commands: string): string[] {
  return vendor === 'zte'
    ? ['configure terminal', ...renderTemplate(commands, spec), 'end']
    : ['config', ...renderTemplate(commands, spec, huaweiSerialHex), 'quit'];
}
