import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import ssh2 from 'ssh2';
import type { OltTransport, OltVendor } from '@/db/enums';
import { type HuaweiFirmware, StandInOlt, type ZteFirmware } from './device';
import { HuaweiShell } from './huawei-shell';
import type { Reply, Shell } from './shell';
import { ZteShell } from './zte-shell';

/**
 * A stand-in OLT command line on loopback: telnet (a plain socket with the option
 * negotiation a real OLT starts with) or SSH (`ssh2` Server, host key generated at start),
 * replaying ZTE ZXAN or Huawei MA5608T sessions: banner, login, prompts by mode, the pager
 * (24 lines, then `--More--` rubbed out with backspaces, or Huawei's `---- More ( Press 'Q'
 * to break ) ----` with cursor moves), questions, errors, and the faults a test asks for.
 */
export type OltCliServer = {
  host: string;
  port: number;
  vendor: OltVendor;
  transport: OltTransport;
  username: string;
  password: string;
  olt: StandInOlt;
  /** Drops every open session (a link flap). */
  dropAll(): void;
  close(): Promise<void>;
};

export type OltCliOptions = {
  vendor: OltVendor;
  transport: OltTransport;
  firmware?: ZteFirmware | HuaweiFirmware;
  username?: string;
  password?: string;
  /** ZTE: log in at `ZXAN>` and ask for this password on `enable`. */
  enablePassword?: string | null;
};

const PAGE = 24;
const ZTE_MORE = '--More--';
const HUAWEI_MORE = "  ---- More ( Press 'Q' to break ) ----";

/** One session's conversation, transport-neutral: text in, text out. */
class Conversation {
  private input = '';
  private lastCr = false;
  private stage: 'user' | 'password' | 'shell' | 'paging' | 'hung' = 'user';
  private pages: string[] = [];
  private asked: ((answer: string) => Reply) | null = null;
  private user = '';

  constructor(
    private readonly olt: StandInOlt,
    private readonly shell: Shell,
    private readonly opts: Required<Pick<OltCliOptions, 'username' | 'password'>>,
    private readonly out: (text: string) => void,
    private readonly end: () => void,
    authenticated: boolean,
  ) {
    if (authenticated) this.start();
    else this.out(this.loginBanner() + this.userPrompt());
  }

  private loginBanner() {
    return this.olt.vendor === 'zte'
      ? '\r\n************************************************\r\nWelcome to ZXAN product C320 of ZTE Corporation\r\n************************************************\r\n\r\n'
      : '\r\n\r\nWarning: Telnet is not a secure protocol, and it is recommended to use Stelnet.\r\n\r\n';
  }

  private userPrompt() {
    return this.olt.vendor === 'zte' ? 'Username:' : '>>User name:';
  }

  private start() {
    this.olt.logins += 1;
    this.stage = 'shell';
    const motd =
      this.olt.vendor === 'huawei'
        ? '\r\n  Huawei Integrated Access Software (MA5608T).\r\n  Copyright(C) Huawei Technologies Co., Ltd. 2002-2019. All rights reserved.\r\n\r\n'
        : '\r\n';
    this.out(`${motd}${this.shell.prompt()}`);
  }

  feed(data: string) {
    for (const ch of data) {
      if (this.stage === 'hung') return;
      if (this.stage === 'paging') {
        if (ch === ' ') this.nextPage();
        else if (ch === 'q' || ch === 'Q') this.stopPaging();
        continue;
      }
      if (ch === '\n' && this.lastCr) {
        this.lastCr = false;
        continue;
      }
      this.lastCr = ch === '\r';
      if (ch === '\r' || ch === '\n') {
        const line = this.input;
        this.input = '';
        this.line(line);
      } else if (ch !== '\0') this.input += ch;
    }
  }

  private line(line: string) {
    if (this.stage === 'user') {
      this.user = line;
      this.out(`${line}\r\n${this.olt.vendor === 'zte' ? 'Password:' : '>>User password:'}`);
      this.stage = 'password';
      return;
    }
    if (this.stage === 'password') {
      if (this.olt.faults.echoPassword) this.out(line);
      if (this.olt.faults.refuseLogin || this.user !== this.opts.username || line !== this.opts.password) {
        this.out(
          this.olt.vendor === 'zte'
            ? '\r\n%Error 20208: Username or password is wrong.\r\nUsername:'
            : '\r\n  Username or password invalid.\r\n\r\n>>User name:',
        );
        this.stage = 'user';
        return;
      }
      this.out('\r\n');
      this.start();
      return;
    }
    const answering = this.asked;
    this.asked = null;
    this.out(`${line}\r\n`);
    if (!answering) {
      this.olt.received.push(line.trim());
      const faults = this.olt.faults;
      if (faults.hangOn?.test(line)) {
        this.stage = 'hung';
        return;
      }
      if (faults.dropOn?.test(line)) {
        this.end();
        return;
      }
    }
    this.reply(answering ? answering(line) : this.shell.exec(line));
  }

  private reply(r: Reply) {
    if (r.ask) {
      if (r.output) this.out(`${r.output.replace(/\n/g, '\r\n')}\r\n`);
      this.asked = r.ask.answer;
      this.out(r.ask.question);
      return;
    }
    if (r.logout) {
      this.end();
      return;
    }
    const lines = r.output === '' ? [] : r.output.split('\n');
    if (!this.shell.paging || lines.length <= PAGE) {
      this.out(lines.map((l) => `${l}\r\n`).join('') + this.shell.prompt());
      return;
    }
    this.pages = [];
    for (let i = 0; i < lines.length; i += PAGE)
      this.pages.push(
        lines
          .slice(i, i + PAGE)
          .map((l) => `${l}\r\n`)
          .join(''),
      );
    this.stage = 'paging';
    this.out(this.pages.shift()! + this.moreMarker());
  }

  private moreMarker() {
    return this.shell.pager === 'zte' ? ZTE_MORE : HUAWEI_MORE;
  }

  private rubOut() {
    if (this.shell.pager === 'zte') return '\b'.repeat(8) + ' '.repeat(8) + '\b'.repeat(8);
    const n = HUAWEI_MORE.length;
    return `\x1b[${n}D${' '.repeat(n)}\x1b[${n}D`;
  }

  private nextPage() {
    const page = this.pages.shift();
    if (page === undefined) return;
    if (this.pages.length === 0) {
      this.stage = 'shell';
      this.out(this.rubOut() + page + this.shell.prompt());
    } else this.out(this.rubOut() + page + this.moreMarker());
  }

  private stopPaging() {
    this.pages = [];
    this.stage = 'shell';
    this.out(`${this.rubOut()}\r\n${this.shell.prompt()}`);
  }
}

const IAC = 255;
const WILL = 251;
const DO = 253;

export async function startOltCliServer(options: OltCliOptions): Promise<OltCliServer> {
  const opts = {
    username: options.username ?? 'admin',
    password: options.password ?? 'secret-olt',
    firmware: options.firmware ?? (options.vendor === 'zte' ? 'V2.1' : 'R018'),
  };
  const olt = new StandInOlt(options.vendor, opts.firmware, options.vendor === 'zte' ? 'ZXAN' : 'MA5608T');
  const newShell = (): Shell =>
    options.vendor === 'zte' ? new ZteShell(olt, options.enablePassword ?? null) : new HuaweiShell(olt);
  const open = new Set<() => void>();

  let server: net.Server | ssh2.Server;
  if (options.transport === 'telnet') {
    server = net.createServer((socket) => {
      socket.setNoDelay(true);
      olt.connections += 1;
      const kill = () => socket.destroy();
      open.add(kill);
      socket.on('close', () => {
        olt.connections -= 1;
        open.delete(kill);
      });
      socket.on('error', () => undefined);
      // What a real OLT starts with: it will echo and suppress go-ahead.
      socket.write(Buffer.from([IAC, WILL, 1, IAC, WILL, 3, IAC, DO, 31]));
      const conversation = new Conversation(
        olt,
        newShell(),
        opts,
        (text) => {
          if (!socket.destroyed) socket.write(Buffer.from(text, 'latin1'));
        },
        kill,
        false,
      );
      socket.on('data', (chunk: Buffer) => {
        // The client's option answers are not text.
        const bytes: number[] = [];
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] === IAC) i += 2;
          else bytes.push(chunk[i]!);
        }
        conversation.feed(Buffer.from(bytes).toString('latin1'));
      });
    });
  } else {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    server = new ssh2.Server({ hostKeys: [privateKey] }, (client) => {
      olt.connections += 1;
      const kill = () => client.end();
      open.add(kill);
      client.on('close', () => {
        olt.connections -= 1;
        open.delete(kill);
      });
      client.on('error', () => undefined);
      client.on('authentication', (ctx) => {
        if (
          ctx.method === 'password' &&
          !olt.faults.refuseLogin &&
          ctx.username === opts.username &&
          ctx.password === opts.password
        )
          ctx.accept();
        else ctx.reject(['password']);
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          const session = accept();
          session.on('pty', (ok) => ok?.());
          session.on('shell', (ok) => {
            const stream = ok();
            const conversation = new Conversation(
              olt,
              newShell(),
              opts,
              (text) => stream.write(Buffer.from(text, 'latin1')),
              kill,
              true,
            );
            stream.on('data', (chunk: Buffer) => conversation.feed(chunk.toString('latin1')));
          });
        });
      });
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = (server as net.Server).address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    vendor: options.vendor,
    transport: options.transport,
    username: opts.username,
    password: opts.password,
    olt,
    dropAll: () => {
      for (const kill of [...open]) kill();
    },
    close: async () => {
      for (const kill of [...open]) kill();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
