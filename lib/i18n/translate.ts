import en from '@/messages/en.json';
import id from '@/messages/id.json';
import type { Locale } from './config';

const MESSAGES: Record<Locale, unknown> = { id, en };

/**
 * Looks up a dotted key (`errors.forbidden`) outside React, for operation results, jobs and
 * tests. Falls back to Indonesian, then to the key itself so a missing text is visible.
 */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const text = lookup(MESSAGES[locale], key) ?? lookup(MESSAGES.id, key) ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

function lookup(tree: unknown, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}
