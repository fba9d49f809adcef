import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type Olt, olts } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { routerConnectAddress } from '@/lib/network/router-address';
import type { OltPoller } from '../types';
import { SnmpError, type SnmpTarget, walkOnus } from './walk';

/** The OLT's SNMP settings with its secrets decrypted: only the worker calls this. */
export function snmpTarget(olt: Olt, options: { timeoutMs?: number; retries?: number } = {}): SnmpTarget {
  const base = { host: olt.host, port: olt.snmpPort, vendor: olt.vendor, ...options };
  if (olt.snmpVersion === '2c') {
    if (!olt.snmpCommunityEnc) throw new SnmpError('auth', 'no SNMP community set');
    return { ...base, version: '2c', community: decryptSecret(olt.snmpCommunityEnc) };
  }
  if (!olt.snmpV3User || !olt.snmpV3AuthKeyEnc) throw new SnmpError('auth', 'no SNMPv3 user set');
  // The form stores the protocols as the OLT's manual writes them (SHA, MD5, AES, DES).
  const privName = olt.snmpV3PrivProtocol?.toLowerCase();
  const priv = privName === 'aes' || privName === 'des' ? privName : null;
  return {
    ...base,
    version: '3',
    user: olt.snmpV3User,
    authProtocol: olt.snmpV3AuthProtocol?.toLowerCase() === 'md5' ? 'md5' : 'sha',
    authKey: decryptSecret(olt.snmpV3AuthKeyEnc),
    privProtocol: priv && olt.snmpV3PrivKeyEnc ? priv : null,
    privKey: priv && olt.snmpV3PrivKeyEnc ? decryptSecret(olt.snmpV3PrivKeyEnc) : null,
  };
}

/**
 * The worker's OltPoller: loads the OLT (in its organization only), walks its agent with
 * net-snmp and returns every ONU it reports. A fresh UDP session per poll: SNMP keeps no
 * connection, so there is nothing to pool (and no clash with the CLI session of the OLT).
 */
export function snmpPoller(db: Db, options: { timeoutMs?: number; retries?: number } = {}): OltPoller {
  return {
    async poll({ orgId, oltId }) {
      const [olt] = await db
        .select()
        .from(olts)
        .where(and(eq(olts.id, oltId), eq(olts.organizationId, orgId)));
      if (!olt) throw new SnmpError('protocol', 'OLT not found in this organization');
      const target = snmpTarget(olt, options);
      // The host is checked before every poll, as for the command line: the name may resolve
      // elsewhere by now, and the packets go to the address that was checked.
      let address: string;
      try {
        address = await routerConnectAddress(olt.host);
      } catch (error) {
        throw new SnmpError('not_allowed', error instanceof Error ? error.message : String(error));
      }
      return walkOnus({ ...target, host: address });
    },
  };
}
