import { Client } from 'ssh2';
import { classifyOltError, OltError } from '../errors';
import type { ChannelOptions, CliChannel } from './types';

/**
 * SSH with the `ssh2` client: password (or keyboard-interactive) login, then an interactive
 * shell on a wide pseudo-terminal, the same prompt-driven session as telnet. The OLT's host
 * key is not pinned: OLTs regenerate it on a reset and operators do not record it.
 */
export function openSsh(opts: ChannelOptions): Promise<CliChannel> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(classifyOltError(error));
    };
    client.on('error', fail);
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
      finish(prompts.map(() => opts.password));
    });
    client.on('ready', () => {
      client.shell({ term: 'vt100', cols: 200, rows: 0 }, (error, stream) => {
        if (error) return fail(error);
        settled = true;
        const listeners: ((text: string) => void)[] = [];
        const early: string[] = [];
        let closed: ((error?: Error) => void) | null = null;
        stream.on('data', (chunk: Buffer) => {
          const text = chunk.toString('latin1');
          if (listeners.length === 0) early.push(text);
          for (const l of listeners) l(text);
        });
        stream.on('close', () => {
          closed?.(new OltError('closed', 'the OLT closed the connection'));
          client.end();
        });
        client.on('close', () => closed?.(new OltError('closed', 'the OLT closed the connection')));
        resolve({
          eol: '\r',
          authenticated: true,
          write: (text) => stream.write(Buffer.from(text, 'latin1')),
          onData: (cb) => {
            listeners.push(cb);
            for (const t of early.splice(0)) cb(t);
          },
          onClose: (cb) => {
            closed = cb;
          },
          close: () => client.end(),
        });
      });
    });
    client.connect({
      host: opts.host,
      port: opts.port,
      username: opts.username,
      password: opts.password,
      tryKeyboard: true,
      readyTimeout: opts.connectTimeoutMs,
      keepaliveInterval: 0,
      // OLT firmware ships old SSH stacks: allow the older algorithms they still speak.
      algorithms: {
        kex: {
          append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'],
          prepend: [],
          remove: [],
        },
      },
    });
    setTimeout(
      () => fail(new OltError('timeout', `no SSH session within ${opts.connectTimeoutMs} ms`)),
      opts.connectTimeoutMs + 50,
    ).unref();
  });
}
