/**
 * The LIKE pattern "contains this text": `%` and `_` typed by a user are searched for
 * literally, not as wildcards (Postgres' default escape character is the backslash).
 */
export function contains(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** The LIKE pattern "starts with this text", escaped like `contains`. */
export function startsWith(text: string): string {
  return `${text.replace(/[%_\\]/g, '\\$&')}%`;
}
