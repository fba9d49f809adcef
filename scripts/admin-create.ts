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
    options: { email: { type: 'string' }, name: { type: 'string' }, organization: { type: 'string' }, slug: { type: 'string' } },
  });
  loadDotEnv();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (value: string | undefined, question: string) => value ?? (await rl.question(question));
  const input = {
    email: await ask(values.email, 'Owner email: '),
    adminName: await ask(values.name, 'Owner name: '),
    organizationName: await ask(values.organization, 'Organization / ISP name: '),
    slug: await ask(values.slug, 'Short name (slug, e.g. sukamaju-net): '),
    password: process.env.ADMIN_PASSWORD ?? (await askHidden(rl, 'Password (at least 8 characters): ')),
  };
  rl.close();
  const parsed = signupSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message.replace('validation.', 'invalid ')}`);
    process.exit(1);
  }
  const { embedded } = await prepareRuntimeEnv();
  await migrateDatabase(process.env.DATABASE_URL!);
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const { user, organization } = await createPlatformOwner(db, { ...parsed.data, ip: null, source: 'cli' });
    removeSetupToken();
    console.log(`[admin:create] platform owner ${user.email} created, working in "${organization.name}". Sign in at ${process.env.APP_URL}/login`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const why = { setup_done: 'this install already has a platform owner', email_taken: 'that email already has an account', slug_taken: 'that slug is taken' }[error.code as string];
    console.error(`[admin:create] not created: ${why ?? error.code}`);
    process.exitCode = 1;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

/** Reads a line without echoing it (a terminal); piped input is read as is. */
async function askHidden(rl: ReturnType<typeof createInterface>, question: string): Promise<string> {
  const output = rl as unknown as { _writeToOutput?: (s: string) => void; output: NodeJS.WritableStream };
  if (!process.stdin.isTTY) return rl.question(question);
  const write = output._writeToOutput;
  process.stdout.write(question);
  output._writeToOutput = () => {};
  try {
    return await rl.question('');
  } finally {
    output._writeToOutput = write;
    process.stdout.write('\n');
  }
}

main().catch((error) => {
  console.error('[admin:create] failed:', error);
  process.exit(1);
});
