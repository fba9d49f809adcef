import { migrateDatabase } from './migrate-lib';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';

async function main() {
  loadDotEnv();
  const { embedded } = await prepareRuntimeEnv();
  await migrateDatabase(process.env.DATABASE_URL!);
  console.log('[migrate] done');
  await embedded?.stop();
}

void main();
