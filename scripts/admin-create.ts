import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createDb } from '@/db/client';
import { signupSchema } from '@/lib/organizations/schemas';
import { createPlatformOwner } from '@/lib/platform/owner';
import { removeSetupToken } from '@/lib/platform/setup-token';
import { AppError } from '@/lib/server/errors';
import { migrateDatabase } from './migrate-lib';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';

/**
 * `npm run admin:create`: creates the platform owner (super admin) and their organization from
 * the server's terminal, the alternative to the /setup page. Asks for what the flags do not
 * give; the password comes from ADMIN_PASSWORD or the prompt, never from a flag (shell
 * history, process list).
 *   npm run admin:create -- --email owner@isp.id --name "Budi" --organization "Sukamaju Net" --slug sukamaju-net
 */
async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organization: { type: 'string' },
      slug: { type: 'string' },
    },
  });
  loadDotEnv();
  const prompt = await prompter();
  const input = {
    email: values.email ?? (await prompt.ask('Owner email: ')),
    adminName: values.name ?? (await prompt.ask('Owner name: ')),
    organizationName: values.organization ?? (await prompt.ask('Organization / ISP name: ')),
    slug: values.slug ?? (await prompt.ask('Short name (slug, e.g. sukamaju-net): ')),
    password: process.env.ADMIN_PASSWORD ?? (await prompt.ask('Password (at least 8 characters): ', { hidden: true })),
  };
  prompt.close();
  const parsed = signupSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`  ${issue.path.join('.')}: ${issue.message.replace('validation.', 'invalid ')}`);
    process.exit(1);
  }
  const { embedded } = await prepareRuntimeEnv();
  await migrateDatabase(process.env.DATABASE_URL!);
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const { user, organization } = await createPlatformOwner(db, { ...parsed.data, ip: null, source: 'cli' });
    removeSetupToken();
    console.log(
      `[admin:create] platform owner ${user.email} created, working in "${organization.name}". Sign in at ${process.env.APP_URL}/login`,
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const why = {
      setup_done: 'this install already has a platform owner',
      email_taken: 'that email already has an account',
      slug_taken: 'that slug is taken',
    }[error.code as string];
    console.error(`[admin:create] not created: ${why ?? error.code}`);
    process.exitCode = 1;
  } finally {
    await client.end();
    await embedded?.stop();
  }
  process.exit(process.exitCode ?? 0);
}

/**
 * Questions on a terminal (the password not echoed), or answers piped in one per line
 * (readline would drop the lines that arrive before their question is asked).
 */
async function prompter() {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const lines = text.split(/\r?\n/);
    const ask = async (question: string, _o?: { hidden: boolean }) => {
      process.stdout.write(`${question}\n`);
      return lines.shift()?.trim() ?? '';
    };
    return { ask, close: () => {} };
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return {
    ask: async (question: string, o?: { hidden: boolean }) =>
      o?.hidden ? readHidden(rl, question) : (await rl.question(question)).trim(),
    close: () => rl.close(),
  };
}

/** A password from the terminal in raw mode: nothing is echoed (readline, which would echo, is closed first). */
async function readHidden(rl: ReturnType<typeof createInterface>, question: string): Promise<string> {
  rl.close();
  process.stdout.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            process.stdin.off('data', onData);
            return resolve(value);
          }
          if (ch === '\u0003' || ch === '\u0004') {
            process.stdin.off('data', onData);
            return reject(new Error('cancelled'));
          }
          value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
        }
      };
      process.stdin.on('data', onData);
    });
  } finally {
    process.stdin.setRawMode(false);
    process.stdout.write('\n');
  }
}

main().catch((error) => {
  console.error('[admin:create] failed:', error);
  process.exit(1);
});
