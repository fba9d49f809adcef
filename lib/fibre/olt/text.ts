/**
 * What an OLT's command line sends, made readable: ANSI sequences (Huawei moves the cursor
 * back over its `---- More ----` marker), backspaces (ZTE rubs out `--More--` with
 * `\b\b…        \b\b…`), carriage returns and the pager markers themselves.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what it matches
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ZTE_MORE = /--More--/;
const HUAWEI_MORE = /---- More \( Press 'Q' to break \) ----/;
export const MORE = new RegExp(`${ZTE_MORE.source}|${HUAWEI_MORE.source}`);
/** Huawei asks for optional parameters: `{ <cr>|ontid<U><0,127> }:`; Enter takes the default. */
export const PARAMETER_PROMPT = /\{[^{}\n]*<cr>[^{}\n]*\}:/;
/** A confirmation question: Huawei `(y/n)[n]:`, ZTE `[yes/no]:`. */
export const CONFIRM = /(\(y\/n\)\[n\]:|\[yes\/no\]:?)\s*$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what it matches
const RUB_OUT = /\x1b\[(\d+)D +\x1b\[\1D/g;

/** Huawei erases its pager marker by moving back n columns, writing n spaces, moving back: n backspaces. */
function rubOuts(s: string) {
  return s.replace(RUB_OUT, (_, n: string) => '\b'.repeat(Number(n)));
}

function applyBackspaces(s: string) {
  if (!s.includes('\b')) return s;
  const out: string[] = [];
  for (const ch of s) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/** The raw stream as text: no ANSI, backspaces applied, no \r, no pager markers, no trailing blanks. */
export function cleanCliText(raw: string): string {
  return applyBackspaces(rubOuts(raw).replace(ANSI, ''))
    .replace(/\r+\n/g, '\n')
    .replace(/\r/g, '')
    .replace(new RegExp(` *(?:${MORE.source})`, 'g'), '')
    .replace(/[ \t]+$/gm, '');
}

/** The raw stream without ANSI sequences (pager markers still countable). */
export function stripAnsi(raw: string): string {
  return raw.replace(ANSI, '');
}

/** The text without ANSI and backspaces, as it stands now (to look for prompts and markers). */
export function screenText(raw: string): string {
  return applyBackspaces(rubOuts(raw).replace(ANSI, '')).replace(/\r/g, '');
}

/**
 * The first line where the OLT says a command failed: ZTE `%Error 20200: …`, `%Code 32303: …`,
 * `% Invalid input detected …`; Huawei `Failure: …`, `% Unknown command, …`,
 * `% Parameter error, …`, `% Incomplete command, …`.
 */
const CLI_ERROR =
  /^\s*(%\s*(?:Error|Code)\b.*|%\s*(?:Unknown command|Invalid input|Parameter error|Incomplete command|Ambiguous command|Too many parameters).*|Failure:.*|Error:.*)$/im;

export function findCliError(output: string): string | null {
  const m = CLI_ERROR.exec(output);
  return m ? m[1]!.trim() : null;
}
