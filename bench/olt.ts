/**
 * npm run bench:olt — the two fibre workloads against the stand-ins on loopback: register 64
 * ONUs one after another on one ZTE C320 (telnet stand-in; registerOnu through the worker's
 * session pool, as the OLT's job queue runs them), then poll a ZTE C320 with 4,096 ONUs
 * (32 PON ports × 128) by SNMP v2c — the getBulk walk, the set-based store of state, RX,
 * level and readings, and the alert pass (pollOlt, what the `olt-poll` job runs). The poll is
 * timed three times (the first moves every ONU from unknown to working); a Huawei MA5608T
 * poll of the same size is printed for comparison.
 * Last line: {"bench":"olt","registered":64,"register_seconds":…,"onus_polled":4096,"poll_seconds":…}
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { registerOnu } from '@/lib/fibre/olt/register';
import { pollOlt } from '@/lib/fibre/snmp/poll';
import { snmpPoller } from '@/lib/fibre/snmp/poller';
import { makePonPort, makeStandInOlt, startOltCliServer, testOltAccess } from '../tests/support/olt-cli';
import { makeSnmpOlt } from '../tests/support/signal-world';
import { onusFor, startSnmpAgent } from '../tests/support/snmp-agent';
import { benchDatabase, percentile as pct, round2 as round } from './db';

const REGISTER = Number(process.env.BENCH_REGISTER ?? 64);
const ONUS = Number(process.env.BENCH_ONUS ?? 4096);
const POLLS = 3;

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_olt');
  const { db, client } = createDb(url, { max: 8 });
  try {
    const stamp = Date.now();
    const [org] = await db.execute<{ id: string }>(sql`
      insert into organizations (name, slug) values ('Bench OLT Net', ${`bench-olt-${stamp}`}) returning id`);
    const orgId = org!.id;
    const [admin] = await db.execute<{ id: string }>(sql`
      insert into users (name, email, password_hash) values ('Admin', ${`admin-${stamp}@bench.test`}, 'x') returning id`);
    await db.execute(
      sql`insert into memberships (organization_id, user_id, role) values (${orgId}, ${admin!.id}, 'admin')`,
    );

    // Registration: 64 serials waiting on one port, registered one at a time.
    const cli = await startOltCliServer({ vendor: 'zte', transport: 'telnet' });
    const access = testOltAccess(db);
    const cliOlt = await makeStandInOlt(db, orgId, cli);
    const at = { frame: 1, slot: 1, port: 1 };
    const port = await makePonPort(db, { orgId, oltId: cliOlt.id, vendor: 'zte', ...at });
    const serials = Array.from({ length: REGISTER }, (_, i) => `ZTEGB${String(i).padStart(7, '0')}`);
    for (const serial of serials) cli.olt.plugIn({ ...at, serial, model: 'F609' });
    const regStart = performance.now();
    for (const serial of serials)
      await registerOnu(db, access, { orgId, oltId: cliOlt.id, ponPortId: port.id, serial, actorUserId: admin!.id });
    const registerSeconds = round((performance.now() - regStart) / 1000);
    await access.close();
    await cli.close();
    console.log(`registered ${REGISTER} ONUs on one ZTE C320 (telnet stand-in): ${registerSeconds} s`);

    // Polling: 4,096 ONUs by SNMP v2c, walk + store + alerts.
    const polls: Record<string, number[]> = {};
    for (const vendor of ['zte', 'huawei'] as const) {
      const agent = await startSnmpAgent({ vendor, onus: ONUS });
      const olt = await makeSnmpOlt(db, orgId, { vendor, agent, onus: onusFor(vendor, ONUS) });
      const times: number[] = [];
      for (let i = 0; i < POLLS; i++) {
        const r = await pollOlt(db, snmpPoller(db), { orgId, oltId: olt.olt.id });
        if (!r.ok || r.stored !== ONUS) throw new Error(`poll ${i + 1} failed: ${JSON.stringify(r)}`);
        times.push(r.ms / 1000);
      }
      await agent.close();
      polls[vendor] = times;
      console.log(
        `${vendor} poll of ${ONUS} ONUs (walk + store + alerts): ${times.map((t) => `${round(t)} s`).join(', ')}; the agent answered ${agent.requests()} requests for the ${POLLS} polls`,
      );
    }
    const [readings] = await db.execute<{ n: number }>(sql`select count(*)::int as n from onu_readings`);
    console.log(`readings stored: ${readings!.n}`);
    const pollSeconds = round(Math.max(...polls.zte!));
    console.log(`zte poll median ${round(pct(polls.zte!, 50))} s, worst ${pollSeconds} s`);
    console.log(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs`,
    );
    console.log(
      `goals: registration < 30 s -> ${registerSeconds < 30 ? 'met' : 'NOT met'}; poll < 10 s -> ${pollSeconds < 10 ? 'met' : 'NOT met'}`,
    );
    console.log(
      JSON.stringify({
        bench: 'olt',
        registered: REGISTER,
        register_seconds: registerSeconds,
        onus_polled: ONUS,
        poll_seconds: pollSeconds,
      }),
    );
  } finally {
    await client.end();
    await stop();
  }
}

void main();
