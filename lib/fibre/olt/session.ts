import type { OltTransport } from '@/db/enums';
import { OltError, redactSecrets } from './errors';
import {
  CONFIRM,
  cleanCliText,
  findCliError as findError,
  MORE,
  PARAMETER_PROMPT,
  screenText,
  stripAnsi,
} from './text';
import { openSsh } from './transports/ssh';
import { openTelnet } from './transports/telnet';
import type { CliChannel } from './transports/types';

export type SessionOptions = {
  transport: OltTransport;
  host: string;
  port: number;
  username: string;
  password: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
};

export type CommandOptions = {
  /** Answer a confirmation question (`(y/n)[n]:`, `[yes/no]:`) with yes; otherwise no. */
  confirm?: boolean;
  /** Output that is not an error for this command (e.g. ZTE "No related information to show"). */
  tolerate?: RegExp;
  timeoutMs?: number;
};

// Any host name then an optional mode in parentheses, then # or > (ZXAN#, MA5608T(config-if-gpon-0/1)#).
const ANY_PROMPT = /^([A-Za-z0-9][\w.-]*)(\([^()\n]*\))?[#>] ?$/;
const LOGIN_PROMPT = /(?:user ?name|login|username):\s*$/i;
const PASSWORD_PROMPT = /password:\s*$/i;
const LOGIN_REFUSED = /(fail|invalid|incorrect|denied|refused|wrong)/i;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (s: string, re: RegExp) => s.match(new RegExp(re.source, 'g'))?.length ?? 0;
const lastLine = (s: string) => s.slice(s.lastIndexOf('\n') + 1);

/**
 * One prompt-driven command-line session to an OLT, over telnet or SSH. A command is sent,
 * then the session reads until the OLT's prompt comes back, answering on the way what the
 * OLT asks: the pager (`--More--`, `---- More ( Press 'Q' to break ) ----`) with a space,
 * Huawei's optional-parameter question (`{ <cr>|… }:`) with Enter, a confirmation with yes
 * or no. The output comes back without the echo, the pager noise and the prompt; a line in
 * which the OLT says the command failed (`%Error …`, `Failure: …`) throws OltError
 * 'command'. One command at a time: the worker's pool holds a lock per OLT.
 */
export class OltSession {
  private raw = '';
  private wake: (() => void) | null = null;
  private closedWith: OltError | null = null;
  private prompt: RegExp = ANY_PROMPT;
  /** The last prompt the OLT showed (its mode: `ZXAN(config-if)#`). */
  current = '';
  hostname = '';
  /** What was typed at a password prompt: masked in every error text (an OLT may echo it). */
  private readonly secrets: string[];

  private constructor(
    private readonly channel: CliChannel,
    private readonly opts: SessionOptions,
  ) {
    this.secrets = [opts.password];
    channel.onData((text) => {
      this.raw += text;
      this.wake?.();
    });
    channel.onClose((error) => {
      this.closedWith =
        error instanceof OltError ? error : new OltError('closed', error?.message ?? 'the OLT closed the connection');
      this.wake?.();
    });
  }

  static async open(opts: SessionOptions): Promise<OltSession> {
    const channelOpts = { ...opts };
    const channel = opts.transport === 'ssh' ? await openSsh(channelOpts) : await openTelnet(channelOpts);
    const session = new OltSession(channel, opts);
    try {
      await session.login();
    } catch (error) {
      channel.close();
      throw error;
    }
    return session;
  }

  /** False once the connection dropped or a command timed out (the pool opens a new one). */
  get usable() {
    return this.closedWith === null;
  }

  close() {
    if (!this.closedWith) this.closedWith = new OltError('closed', 'session closed');
    this.channel.close();
  }

  private async until<T>(check: (raw: string) => T | null, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = check(this.raw);
      if (result !== null) return result;
      if (this.closedWith) throw this.closedWith;
      const left = deadline - Date.now();
      if (left <= 0) {
        // The OLT is still busy with (or stuck in) this command: nothing after it could be trusted.
        this.closedWith = new OltError('timeout', what);
        this.channel.close();
        throw this.closedWith;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Telnet asks for a user name and password; SSH has logged in already. Ends at the first prompt. */
  private async login() {
    let sentUser = this.channel.authenticated;
    let sentPassword = this.channel.authenticated;
    await this.until(
      (raw) => {
        const screen = screenText(raw);
        const tail = lastLine(screen);
        const m = ANY_PROMPT.exec(tail.trimStart());
        if (m) {
          this.hostname = m[1]!;
          this.prompt = new RegExp(`^${escapeRegExp(this.hostname)}(\\([^()\\n]*\\))?[#>] ?$`);
          this.current = tail.trim();
          this.raw = '';
          return true;
        }
        if (LOGIN_PROMPT.test(tail)) {
          if (sentPassword || (sentUser && !this.channel.authenticated && LOGIN_REFUSED.test(screen)))
            throw new OltError('auth', this.quote(screen.trim().split('\n').slice(-3).join(' ')));
          this.raw = '';
          this.channel.write(this.opts.username + this.channel.eol);
          sentUser = true;
          return null;
        }
        if (PASSWORD_PROMPT.test(tail)) {
          if (sentPassword && !this.channel.authenticated)
            throw new OltError('auth', 'the OLT asked for the password again');
          this.raw = '';
          this.channel.write(this.opts.password + this.channel.eol);
          sentPassword = true;
          return null;
        }
        if (sentPassword && LOGIN_REFUSED.test(screen))
          throw new OltError('auth', this.quote(screen.trim().split('\n').slice(-2).join(' ')));
        return null;
      },
      this.opts.connectTimeoutMs,
      'no login prompt or command prompt from the OLT',
    );
  }

  /** The OLT's words for an error: passwords masked, at most 200 characters. */
  private quote(text: string) {
    return redactSecrets(text, this.secrets).slice(0, 200);
  }

  /** Sends a line and answers a password question (ZTE `enable`), if one comes. */
  async commandWithPassword(line: string, password: string | null): Promise<string> {
    if (password) this.secrets.push(password);
    return this.exchange(line, {}, password);
  }

  /** Runs one command and returns its output; throws OltError 'command' when the OLT refuses it. */
  async command(line: string, opts: CommandOptions = {}): Promise<string> {
    return this.exchange(line, opts, null);
  }

  private async exchange(line: string, opts: CommandOptions, password: string | null): Promise<string> {
    if (this.closedWith) throw this.closedWith;
    let pages = 0;
    let questions = 0;
    let confirmations = 0;
    let passwordSent = false;
    this.raw = '';
    this.channel.write(line + this.channel.eol);
    const raw = await this.until(
      (raw) => {
        const plain = stripAnsi(raw);
        const more = count(plain, MORE);
        if (more > pages) {
          pages = more;
          this.channel.write(' ');
          return null;
        }
        const asked = count(plain, PARAMETER_PROMPT);
        if (asked > questions && PARAMETER_PROMPT.test(lastLine(plain.trimEnd()))) {
          questions = asked;
          this.channel.write(this.channel.eol);
          return null;
        }
        const confirms = count(plain, CONFIRM);
        if (confirms > confirmations) {
          confirmations = confirms;
          this.channel.write((opts.confirm ? (plain.includes('[yes/no]') ? 'yes' : 'y') : 'n') + this.channel.eol);
          return null;
        }
        const screen = screenText(raw);
        const tail = lastLine(screen).trimStart();
        if (password !== null && !passwordSent && PASSWORD_PROMPT.test(tail)) {
          passwordSent = true;
          this.channel.write(password + this.channel.eol);
          return null;
        }
        return screen.includes('\n') && this.prompt.test(tail) ? raw : null;
      },
      opts.timeoutMs ?? this.opts.commandTimeoutMs,
      `no prompt after "${line}" within ${opts.timeoutMs ?? this.opts.commandTimeoutMs} ms`,
    );
    this.raw = '';
    const lines = cleanCliText(raw).split('\n');
    this.current = (lines.pop() ?? '').trim();
    if (lines[0]?.trim().endsWith(line.trim())) lines.shift();
    const output = lines.filter((l) => !/\{[^{}]*<cr>[^{}]*\}:/.test(l)).join('\n');
    if (opts.tolerate?.test(output)) return '';
    const refused = findError(output);
    if (refused) throw new OltError('command', redactSecrets(`${line}: ${refused}`, this.secrets));
    return output;
  }
}
