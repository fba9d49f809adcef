import net from 'node:net';
import { classifyOltError, OltError } from '../errors';
import type { ChannelOptions, CliChannel } from './types';

/**
 * Telnet over a plain socket: the option negotiation (RFC 854/855) answered by the book
 * (we let the OLT echo and suppress go-ahead, refuse everything else) and stripped from the
 * text. A small reader of our own instead of `telnet-client`: that package owns the
 * login and prompt matching, and ours must answer pagers, Huawei's `{ <cr>|… }:` questions
 * and confirmations mid-command, which it does not let a caller do.
 */
const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const SE = 240;
const ECHO = 1;
const SUPPRESS_GO_AHEAD = 3;

export function openTelnet(opts: ChannelOptions): Promise<CliChannel> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: opts.host, port: opts.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new OltError('timeout', `no answer from ${opts.host}:${opts.port} within ${opts.connectTimeoutMs} ms`));
    }, opts.connectTimeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(classifyOltError(error));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(telnetChannel(socket));
    });
  });
}

function telnetChannel(socket: net.Socket): CliChannel {
  const listeners: ((text: string) => void)[] = [];
  let closed: ((error?: Error) => void) | null = null;
  let lastError: Error | undefined;
  const early: string[] = [];
  socket.on('data', (chunk: Buffer) => {
    const text = negotiate(socket, chunk);
    if (!text) return;
    if (listeners.length === 0) early.push(text);
    for (const l of listeners) l(text);
  });
  socket.on('error', (error) => {
    lastError = error;
  });
  socket.on('close', () => closed?.(lastError ?? new OltError('closed', 'the OLT closed the connection')));
  return {
    eol: '\r\n',
    authenticated: false,
    write: (text) => {
      if (!socket.destroyed) socket.write(Buffer.from(text, 'latin1'));
    },
    onData: (cb) => {
      listeners.push(cb);
      for (const t of early.splice(0)) cb(t);
    },
    onClose: (cb) => {
      closed = cb;
    },
    close: () => socket.destroy(),
  };
}

/** Answers the option requests in `chunk` and returns the text without them. */
function negotiate(socket: net.Socket, chunk: Buffer): string {
  const out: number[] = [];
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b !== IAC) {
      if (b !== 0) out.push(b);
      continue;
    }
    const cmd = chunk[i + 1];
    if (cmd === IAC) {
      out.push(IAC);
      i++;
    } else if (cmd === DO || cmd === DONT || cmd === WILL || cmd === WONT) {
      const option = chunk[i + 2]!;
      if (cmd === DO) socket.write(Buffer.from([IAC, WONT, option]));
      if (cmd === WILL)
        socket.write(Buffer.from([IAC, option === ECHO || option === SUPPRESS_GO_AHEAD ? DO : DONT, option]));
      i += 2;
    } else if (cmd === SB) {
      const end = chunk.indexOf(SE, i);
      i = end === -1 ? chunk.length : end;
    } else {
      i++;
    }
  }
  return Buffer.from(out).toString('latin1');
}
