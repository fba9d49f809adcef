import { createDb } from '@/db/client';
import { demoWanted } from '@/lib/env';
import { seedDemo } from './demo-seed';
import { migrateDatabase } from './migrate-lib';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';

async function main() {
  loadDotEnv();
  if (!demoWanted(process.env)) {
    console.log(
      '[seed] not seeding: the demo never goes into a production install (NODE_ENV=production or SEED_DEMO=false)',
    );
    return;
  }
  const { embedded } = await prepareRuntimeEnv();
  await migrateDatabase(process.env.DATABASE_URL!);
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  const result = await seedDemo(db);
  console.log(result.created ? '[seed] demo organization created' : '[seed] demo organization already there');
  await client.end();
  await embedded?.stop();
}

void main();
