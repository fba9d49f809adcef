import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import type { OltVendor } from '@/db/enums';
import { oltPonPorts, olts, onus } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import type { AgentOnu, SnmpAgentStandIn } from './snmp-agent';

/**
 * An OLT row pointing at an SNMP agent stand-in, with the PON ports and registered ONUs of
 * the ONUs given (all of the agent's by default), straight into the tables.
 */
export async function makeSnmpOlt(
  db: Database,
  orgId: string,
  p: {
    vendor: OltVendor;
    agent: Pick<SnmpAgentStandIn, 'host' | 'port' | 'community' | 'v3'>;
    onus: AgentOnu[];
    version?: '2c' | '3';
    community?: string;
    pollMinutes?: number;
  },
) {
  const v3 = p.version === '3' ? p.agent.v3 : undefined;
  const [olt] = await db
    .insert(olts)
    .values({
      organizationId: orgId,
      name: `OLT-${randomUUID().slice(0, 6)}`,
      vendor: p.vendor,
      model: p.vendor === 'zte' ? 'C320' : 'MA5608T',
      host: p.agent.host,
      port: 23,
      username: 'admin',
      passwordEnc: encryptSecret('admin'),
      snmpVersion: p.version ?? '2c',
      snmpPort: p.agent.port,
      snmpCommunityEnc: encryptSecret(p.community ?? p.agent.community),
      snmpV3User: v3?.name ?? null,
      snmpV3AuthProtocol: v3?.authProtocol?.toUpperCase() ?? null, // as the OLT form stores it
      snmpV3AuthKeyEnc: v3 ? encryptSecret(v3.authKey) : null,
      snmpV3PrivProtocol: v3?.privProtocol?.toUpperCase() ?? null,
      snmpV3PrivKeyEnc: v3 ? encryptSecret(v3.privKey) : null,
      template: { commands: '', values: {} },
      pollMinutes: p.pollMinutes ?? 5,
    })
    .returning();
  const keys = [...new Set(p.onus.map((o) => `${o.slot}/${o.port}`))];
  const ports = await db
    .insert(oltPonPorts)
    .values(
      keys.map((k) => {
        const [slot, port] = k.split('/').map(Number) as [number, number];
        const name = p.vendor === 'zte' ? `gpon-olt_1/${slot}/${port}` : `0/${slot}/${port}`;
        return { organizationId: orgId, oltId: olt!.id, frame: p.vendor === 'zte' ? 1 : 0, slot, port, name };
      }),
    )
    .returning();
  const portId = new Map(ports.map((r) => [`${r.slot}/${r.port}`, r.id]));
  const prefix = p.vendor === 'zte' ? 'ZTEG' : 'HWTC';
  const rows = p.onus.map((o) => ({
    organizationId: orgId,
    oltId: olt!.id,
    ponPortId: portId.get(`${o.slot}/${o.port}`)!,
    onuIndex: o.onuIndex,
    serial: `${prefix}${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
  }));
  const made = [];
  for (let i = 0; i < rows.length; i += 1000)
    made.push(
      ...(await db
        .insert(onus)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  return { olt: olt!, ports, onus: made };
}
