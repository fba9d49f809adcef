import type { Database } from '@/db/client';
import { oltPonPorts, olts, onus } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { defaultTemplate } from '@/lib/fibre/olt/templates';
import type { OltCliServer } from './server';

/**
 * An OLT row pointing at a stand-in, and its PON ports, for tests of the command line
 * (other lanes' tests use lib/fibre/olts.ts createOlt).
 */
export async function makeStandInOlt(
  db: Database,
  orgId: string,
  server: Pick<OltCliServer, 'vendor' | 'transport' | 'host' | 'port' | 'username' | 'password'>,
  over: { name?: string; password?: string } = {},
) {
  const [olt] = await db
    .insert(olts)
    .values({
      organizationId: orgId,
      name: over.name ?? `OLT ${server.vendor} ${server.port}`,
      vendor: server.vendor,
      host: server.host,
      transport: server.transport,
      port: server.port,
      username: server.username,
      passwordEnc: encryptSecret(over.password ?? server.password),
      template: defaultTemplate(server.vendor),
    })
    .returning();
  return olt!;
}

/** An OLT (never contacted: operations only queue jobs), a PON port and one registered ONU. */
export async function makeOltRecords(db: Database, orgId: string, prefix: string) {
  const olt = await makeStandInOlt(
    db,
    orgId,
    { vendor: 'zte', transport: 'telnet', host: '10.255.0.2', port: 23, username: 'admin', password: 'olt-secret' },
    { name: `${prefix} OLT` },
  );
  const port = await makePonPort(db, { orgId, oltId: olt.id, vendor: 'zte', frame: 1, slot: 2, port: 1 });
  const [onu] = await db
    .insert(onus)
    .values({
      organizationId: orgId,
      oltId: olt.id,
      ponPortId: port.id,
      onuIndex: 1,
      serial: `${prefix}00000001`.slice(0, 12),
      name: `${prefix} ONU`,
    })
    .returning();
  return { olt, port, onu: onu! };
}

export async function makePonPort(
  db: Database,
  p: { orgId: string; oltId: string; frame: number; slot: number; port: number; vendor: 'zte' | 'huawei' },
) {
  const name = p.vendor === 'zte' ? `gpon-olt_${p.frame}/${p.slot}/${p.port}` : `${p.frame}/${p.slot}/${p.port}`;
  const [row] = await db
    .insert(oltPonPorts)
    .values({ organizationId: p.orgId, oltId: p.oltId, frame: p.frame, slot: p.slot, port: p.port, name })
    .returning();
  return row!;
}
