import { EVENT_TYPES, type EventType } from '@/lib/events/catalog';
import type { PluginHookName } from './sdk';

/** The background specification's hook names and the events they are (sdk.ts PluginHookName). */
export const HOOK_ALIASES: Record<Exclude<PluginHookName, EventType>, EventType> = {
  'user.created': 'customer.created',
  'user.expired': 'subscription.isolated',
};

/** The event types a plugin's hooks take, in catalogue order. */
export function hookEventTypes(hooks: readonly string[]): EventType[] {
  const wanted = new Set(hooks.map((h) => (h in HOOK_ALIASES ? HOOK_ALIASES[h as keyof typeof HOOK_ALIASES] : h)));
  return EVENT_TYPES.filter((t) => wanted.has(t));
}

/** The plugin's hooks an event runs: its own type first, then an alias of it. */
export function hooksForEvent(hooks: readonly string[], type: EventType): PluginHookName[] {
  const aliases = Object.entries(HOOK_ALIASES)
    .filter(([, t]) => t === type)
    .map(([alias]) => alias as PluginHookName);
  return [type, ...aliases].filter((h) => hooks.includes(h));
}
