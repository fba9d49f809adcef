import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@/db/client';
import { env } from '@/lib/env';
import { translate } from '@/lib/i18n/translate';
import { importOrganization } from '@/lib/org-transfer/import';
import { inspectExport, keyFor, openExport } from '@/lib/org-transfer/inspect';
import { AppError } from '@/lib/server/errors';
import { migrateDatabase } from './migrate-lib';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';

/**
 * `npm run org:import -- <export.zip> [--passphrase-file <file>] [--slug <new-slug>] [--dry-run]`:
 * an organization exported on another Jaring install (Pengaturan → Ekspor data), imported
 * here as a new organization, the same way the super admin's page does it. The passphrase
 * comes from a file (never a flag: shell history, process list); without it the secrets stay
 * out. --dry-run says what the ZIP holds and what would clash, and writes nothing.
 */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'passphrase-file': { type: 'string' },
      slug: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: npm run org:import -- <export.zip> [--passphrase-file <file>] [--slug <slug>] [--dry-run]');
    process.exit(2);
  }
  loadDotEnv();
  const passphrase = values['passphrase-file']
    ? readFileSync(values['passphrase-file'], 'utf8').replace(/\r?\n$/, '')
    : null;
  const { embedded } = await prepareRuntimeEnv();
  await migrateDatabase(process.env.DATABASE_URL!);
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 2 });
  const zip = path.resolve(file);
  try {
    const seen = await inspectExport(db, { file: zip, passphrase });
    report(seen, values.slug ?? null);
    if (values['dry-run']) {
      process.exitCode = seen.canImport ? 0 : 1;
      return;
    }
    const { zip: reader, manifest } = await openExport(zip);
    reader.close();
    let shown = 0;
    const result = await importOrganization(db, {
      file: zip,
      filesDir: env().FILES_DIR,
      key: await keyFor(manifest, passphrase),
      slug: values.slug ?? null,
      appUrl: env().APP_URL,
      progress: async (done, total) => {
        const pct = Math.floor((done / Math.max(total, 1)) * 10);
        if (pct > shown) console.log(`[org:import] ${pct * 10}% (${done}/${total})`);
        shown = Math.max(shown, pct);
      },
    });
    console.log(
      `[org:import] imported "${result.name}" as ${result.slug} (${result.organizationId}): ${result.rows} records, ${result.files} files, ${result.linkedUsers} existing users linked, ${result.newUsers} created`,
    );
    for (const link of result.links) console.log(`[org:import] password link for ${link.email}: ${link.url}`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`[org:import] not imported: ${translate('en', `errors.${error.code}`, error.params)}`);
    process.exitCode = 1;
  } finally {
    await client.end();
    await embedded?.stop();
  }
  // Something in the worker's migrations resets the exit code (admin-create does the same).
  process.exit(process.exitCode ?? 0);
}

function report(seen: Awaited<ReturnType<typeof inspectExport>>, slug: string | null) {
  const o = seen.organization;
  console.log(`[org:import] "${o.name}" (${o.slug}, ${o.id}), exported ${seen.exportedAt}`);
  console.log(
    `[org:import] ${seen.rows} records in ${seen.tables.length} tables, ${seen.users} users, ${seen.files.count} files`,
  );
  console.log(
    `[org:import] secrets: ${seen.secrets === 'absent' ? 'not in the export' : seen.passphrase === 'ok' ? 'carried (passphrase accepted)' : 'sealed, no passphrase given: they stay out'}`,
  );
  if (seen.linkedUsers.length) console.log(`[org:import] existing accounts linked: ${seen.linkedUsers.join(', ')}`);
  if (seen.newer) console.log('[org:import] made by a newer Jaring: update this install first');
  if (seen.organizationExists) console.log('[org:import] this organization is already on this install');
  if (seen.slugTaken && !slug) console.log(`[org:import] the slug ${o.slug} is taken here: give --slug <another>`);
  for (const c of seen.clashes) console.log(`[org:import] ${c.rows} records of ${c.table} already here`);
}

void main();
