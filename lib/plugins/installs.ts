import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type PluginInstall, pluginInstalls } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret, maskSecret } from '@/lib/crypto';
import type { EventType } from '@/lib/events/catalog';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { InvalidAddressError, NotPublicAddressError, resolvePublicUrl } from '@/lib/server/public-address';
import { hookEventTypes } from './hooks';
import { findPlugin, pluginNetRules } from './registry';
import type { PluginConfigField, PluginManifest } from './sdk';

export function readInstallConfig(install: Pick<PluginInstall, 'config'> | undefined): Record<string, string> {
  if (!install?.config) return {};
  try {
    return JSON.parse(decryptSecret(install.config)) as Record<string, string>;
  } catch {
    return {};
  }
}

/** What a screen may see of the settings: values of plain fields, only "set" and a mask for secrets. */
export function configView(fields: PluginConfigField[], config: Record<string, string>) {
  return Object.fromEntries(
    fields.map((f) => {
      const value = config[f.key] ?? '';
      return [
        f.key,
        f.type === 'secret' ? { set: value !== '', hint: maskSecret(value) } : { set: value !== '', value },
      ];
    }),
  );
}

export async function getInstall(db: Db, p: { orgId: string; pluginId: string }) {
  const [row] = await db
    .select()
    .from(pluginInstalls)
    .where(and(eq(pluginInstalls.organizationId, p.orgId), eq(pluginInstalls.pluginId, p.pluginId)));
  return row;
}

async function pluginOrNotFound(pluginId: string) {
  const plugin = await findPlugin(pluginId);
  if (!plugin) throw new AppError('not_found');
  return plugin.manifest;
}

/**
 * The settings as typed, over the stored ones: a blank secret keeps what is stored; a URL is
 * checked as every address a tenant types (the plugin's fetch checks it again when it calls).
 */
async function mergeConfig(fields: PluginConfigField[], stored: Record<string, string>, typed: Record<string, string>) {
  const config: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = (typed[f.key] ?? '').trim();
    const value = f.type === 'secret' && raw === '' ? (stored[f.key] ?? '') : raw;
    const field = `config.${f.key}`;
    if (value.length > 2000) errors[field] = 'validation.tooLong';
    else if (value === '') {
      if (f.required) errors[field] = 'validation.required';
    } else if (f.type === 'number' && !Number.isFinite(Number(value))) errors[field] = 'validation.invalid';
    else if (f.type === 'url') {
      const problem = await urlProblem(value);
      if (problem) errors[field] = problem;
    }
    if (value !== '') config[f.key] = value;
  }
  if (Object.keys(errors).length > 0) throw new AppError('validation', {}, errors);
  return config;
}

async function urlProblem(value: string): Promise<string | null> {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return 'validation.pluginUrl';
  try {
    await resolvePublicUrl(value, pluginNetRules());
    return null;
  } catch (error) {
    if (error instanceof NotPublicAddressError) return 'validation.pluginUrlNotAllowed';
    if (error instanceof InvalidAddressError || error instanceof TypeError) return 'validation.pluginUrl';
    // The name did not resolve (ENOTFOUND, EAI_AGAIN, …): said as such, never a 500.
    if (typeof (error as { code?: unknown }).code === 'string') return 'validation.hostUnresolved';
    throw error;
  }
}

function checkEventTypes(manifest: PluginManifest, eventTypes: EventType[]) {
  const offered = hookEventTypes(manifest.hooks);
  if (eventTypes.some((t) => !offered.includes(t)))
    throw new AppError('validation', {}, { eventTypes: 'validation.pluginHooks' });
}

/** Saves an organization's settings of a plugin: on/off, which hooks, its settings (encrypted). */
export async function savePluginInstall(
  db: Db,
  p: Actor & {
    input: { pluginId: string; enabled: boolean; eventTypes: EventType[]; config: Record<string, string> };
  },
) {
  const manifest = await pluginOrNotFound(p.input.pluginId);
  checkEventTypes(manifest, p.input.eventTypes);
  // Checked before the transaction: a URL's check waits on DNS.
  const stored = await getInstall(db, { orgId: p.orgId, pluginId: manifest.id });
  const config = await mergeConfig(manifest.configSchema ?? [], readInstallConfig(stored), p.input.config);
  return db.transaction(async (tx) => {
    const values = {
      enabled: p.input.enabled,
      eventTypes: p.input.eventTypes,
      config: encryptSecret(JSON.stringify(config)),
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(pluginInstalls)
      .values({ organizationId: p.orgId, pluginId: manifest.id, ...values })
      .onConflictDoUpdate({ target: [pluginInstalls.organizationId, pluginInstalls.pluginId], set: values })
      .returning({ id: pluginInstalls.id });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'plugins.saved',
      entityType: 'plugin_install',
      entityId: row!.id,
      // Which settings are set, never their values.
      data: {
        pluginId: manifest.id,
        enabled: p.input.enabled,
        eventTypes: p.input.eventTypes,
        set: Object.keys(config),
      },
    });
    return { id: row!.id };
  });
}

/**
 * Turns a plugin on or off for the organization. On needs its required settings: a plugin
 * without any is installed taking every hook it offers.
 */
export async function setPluginEnabled(db: Db, p: Actor & { pluginId: string; enabled: boolean }) {
  const manifest = await pluginOrNotFound(p.pluginId);
  return db.transaction(async (tx) => {
    const stored = await getInstall(tx, { orgId: p.orgId, pluginId: manifest.id });
    const config = readInstallConfig(stored);
    if (p.enabled && (manifest.configSchema ?? []).some((f) => f.required && !config[f.key]))
      throw new AppError('plugin_not_configured');
    const [row] = await tx
      .insert(pluginInstalls)
      .values({
        organizationId: p.orgId,
        pluginId: manifest.id,
        enabled: p.enabled,
        eventTypes: hookEventTypes(manifest.hooks),
        config: encryptSecret('{}'),
      })
      .onConflictDoUpdate({
        target: [pluginInstalls.organizationId, pluginInstalls.pluginId],
        set: { enabled: p.enabled, updatedAt: new Date() },
      })
      .returning({ id: pluginInstalls.id });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.enabled ? 'plugins.enabled' : 'plugins.disabled',
      entityType: 'plugin_install',
      entityId: row!.id,
      data: { pluginId: manifest.id },
    });
    return { id: row!.id, enabled: p.enabled };
  });
}
