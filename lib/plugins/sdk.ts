/**
 * What a third-party plugin implements: an npm package (named in JARING_PLUGINS) whose main
 * export (default or `module.exports`) is a `JaringPlugin`. Types only: a plugin imports
 * nothing from Jaring at run time, so it runs in its host process without the app's code.
 * See docs/features/plugins.md.
 */
import type { EventType } from '@/lib/events/catalog';

/**
 * The hooks a plugin may take: every event type, and the two names the background
 * specification uses: `user.created` (= customer.created) and `user.expired`
 * (= subscription.isolated: the customer's paid period ran out and they were isolated).
 */
export type PluginHookName = EventType | 'user.created' | 'user.expired';

/** A field of the plugin's settings form, per organization. Secret fields are stored encrypted and shown masked. */
export type PluginConfigField = {
  key: string;
  /** The label, in one language or per language (`{ id: 'Alamat', en: 'Address' }`). */
  label: string | { id?: string; en?: string };
  type: 'text' | 'url' | 'secret' | 'number';
  required?: boolean;
  hint?: string | { id?: string; en?: string };
};

/** What a hook receives: the event as the events pass recorded it (data: docs/features/events.md). */
export type PluginEvent = {
  id: string;
  type: EventType;
  organizationId: string;
  createdAt: string;
  data: Record<string, unknown>;
};

export type PluginContext = {
  /** This organization's settings for the plugin, keyed as configSchema (secrets decrypted). */
  config: Record<string, string>;
  /**
   * `fetch` for the plugin's calls out: the address is checked as Jaring checks every address
   * a tenant types (no loopback, link-local or metadata address; private ones only on a
   * self-hosted install), and redirects are not followed.
   */
  fetch: typeof fetch;
  /** Written to the worker's log, prefixed with the plugin's id. */
  log: (...args: unknown[]) => void;
};

export type PluginHook = (event: PluginEvent, ctx: PluginContext) => Promise<void>;

export type JaringPlugin = {
  /** Stable id (letters, digits, `-`, `_`, `.`, `@`, `/`): what organizations' settings are stored under. */
  id: string;
  name: string;
  version: string;
  description?: string;
  configSchema?: PluginConfigField[];
  hooks: Partial<Record<PluginHookName, PluginHook>>;
};

/** What the host reports of a loaded plugin: everything but the functions. */
export type PluginManifest = Omit<JaringPlugin, 'hooks'> & { hooks: PluginHookName[] };
