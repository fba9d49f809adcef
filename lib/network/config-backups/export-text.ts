import { createHash } from 'node:crypto';

/**
 * What RouterOS's `/export` prints, read as text. Its first line is the time of the export
 * (`# 2026-12-07 18:00:00 by RouterOS 7.16`, or `# dec/07/2026 18:00:00 by RouterOS 6.49.10`
 * before 7.10) and a `# software id = …` line follows: neither is a change of configuration,
 * so they are left out of the text that is compared and hashed.
 */
const HEADER = /^# .*\bby RouterOS (\S+)/;
const SOFTWARE_ID = /^# software id = /;

/** The text with Unix line ends and no trailing spaces: how it is stored and shown. */
export function cleanExport(raw: string): string {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.map((l) => l.trimEnd()).join('\n')}\n`;
}

/** The configuration alone: the cleaned text without the date line and the software id. */
export function normaliseExport(raw: string): string {
  const lines = cleanExport(raw).split('\n');
  const kept = lines.filter((line, i) => !(i === 0 && HEADER.test(line)) && !SOFTWARE_ID.test(line));
  return kept.join('\n');
}

/** sha256 (hex) of the normalised text: equal for two exports of the same configuration. */
export function configHash(raw: string): string {
  return createHash('sha256').update(normaliseExport(raw), 'utf8').digest('hex');
}

/** The RouterOS version the export names in its first line (`7.16`, `6.49.10`), if it does. */
export function exportVersion(raw: string): string | null {
  const first = raw.replace(/^\s+/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.match(HEADER)?.[1] ?? null;
}

/** Whether the router's answer is an export at all (its header line), not an error text. */
export function looksLikeExport(raw: string): boolean {
  return exportVersion(raw) !== null;
}

/** The major version of `7.16.2 (stable)`, `6.49.10`, or null. */
export function routerOsMajor(version: string | null | undefined): number | null {
  const m = version?.trim().match(/^(\d+)\./);
  return m ? Number(m[1]) : null;
}

/**
 * The export command without secrets. RouterOS 6 prints passwords and keys unless told
 * `hide-sensitive`; RouterOS 7 hides them by default (`show-sensitive` reveals them) and
 * refuses `hide-sensitive` as an unknown argument. Unknown version: the RouterOS 6 form,
 * which a RouterOS 7 refuses rather than answering with secrets.
 */
export function exportCommand(version: string | null | undefined): '/export' | '/export hide-sensitive' {
  const major = routerOsMajor(version);
  return major !== null && major >= 7 ? '/export' : '/export hide-sensitive';
}

/**
 * RouterOS's answer to a command it does not take (`expected end of command (line 1 column
 * 9)`, `bad command name …`, `syntax error …`): the line to quote, or null for any other text.
 */
export function routerOsCommandError(raw: string): string | null {
  const first = raw.trim().split(/\r?\n/, 1)[0] ?? '';
  return /^(expected end of command|bad command name|syntax error|input does not match|no such item|failure:)/i.test(
    first,
  )
    ? first
    : null;
}

/** The version `:put [/system resource get version]` printed (`7.16.2 (stable)` → `7.16.2`). */
export function parseVersionAnswer(raw: string): string | null {
  return raw.trim().match(/^(\d+\.\d+(?:\.\d+)?(?:beta\d+|rc\d+)?)/)?.[1] ?? null;
}
