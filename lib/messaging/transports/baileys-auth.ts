import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { whatsappAuthState } from '@/db/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto';

const CREDS_KEY = 'creds';

/** Baileys keeps Buffers inside its keys; BufferJSON round-trips them through JSON. */
function encode(value: unknown): string {
  return encryptSecret(JSON.stringify(value, BufferJSON.replacer));
}

function decode<T>(stored: string): T {
  return JSON.parse(decryptSecret(stored), BufferJSON.reviver) as T;
}

export type PostgresAuthState = {
  state: AuthenticationState;
  saveCreds: () => Promise<void>;
  /** Forgets the linked device: the next socket starts over with a new QR. */
  clear: () => Promise<void>;
};

/**
 * Baileys' auth state (creds and Signal keys) in `whatsapp_auth_state`, one row per key,
 * each value encrypted: a restart or another worker machine resumes the linked device
 * without a new QR. The same shape as Baileys' useMultiFileAuthState, minus the files.
 */
export async function usePostgresAuthState(db: Db, sessionId: string): Promise<PostgresAuthState> {
  const [row] = await db
    .select({ valueEnc: whatsappAuthState.valueEnc })
    .from(whatsappAuthState)
    .where(and(eq(whatsappAuthState.sessionId, sessionId), eq(whatsappAuthState.key, CREDS_KEY)));
  const creds: AuthenticationCreds = row ? decode<AuthenticationCreds>(row.valueEnc) : initAuthCreds();

  const state: AuthenticationState = {
    creds,
    keys: {
      get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
        const result: { [id: string]: SignalDataTypeMap[T] } = {};
        if (ids.length === 0) return result;
        const rows = await db
          .select({ key: whatsappAuthState.key, valueEnc: whatsappAuthState.valueEnc })
          .from(whatsappAuthState)
          .where(
            and(
              eq(whatsappAuthState.sessionId, sessionId),
              inArray(
                whatsappAuthState.key,
                ids.map((id) => `${type}:${id}`),
              ),
            ),
          );
        const prefix = `${type}:`.length;
        for (const r of rows) {
          let value = decode<SignalDataTypeMap[T]>(r.valueEnc);
          // Baileys expects the protobuf class here, not the plain object JSON gives back.
          if (type === 'app-state-sync-key' && value) {
            value = proto.Message.AppStateSyncKeyData.fromObject(value as object) as unknown as SignalDataTypeMap[T];
          }
          result[r.key.slice(prefix)] = value;
        }
        return result;
      },
      set: async (data) => {
        const upserts: { sessionId: string; key: string; valueEnc: string; updatedAt: Date }[] = [];
        const deletes: string[] = [];
        const now = new Date();
        for (const [type, entries] of Object.entries(data)) {
          for (const [id, value] of Object.entries(entries ?? {})) {
            const key = `${type}:${id}`;
            if (value) upserts.push({ sessionId, key, valueEnc: encode(value), updatedAt: now });
            else deletes.push(key);
          }
        }
        // One statement for all writes of a call (a pre-key upload is 30 rows at once).
        if (upserts.length > 0) {
          await db
            .insert(whatsappAuthState)
            .values(upserts)
            .onConflictDoUpdate({
              target: [whatsappAuthState.sessionId, whatsappAuthState.key],
              set: { valueEnc: sqlExcluded('value_enc'), updatedAt: now },
            });
        }
        if (deletes.length > 0) {
          await db
            .delete(whatsappAuthState)
            .where(and(eq(whatsappAuthState.sessionId, sessionId), inArray(whatsappAuthState.key, deletes)));
        }
      },
    },
  };

  return {
    state,
    saveCreds: async () => {
      await db
        .insert(whatsappAuthState)
        .values({ sessionId, key: CREDS_KEY, valueEnc: encode(state.creds) })
        .onConflictDoUpdate({
          target: [whatsappAuthState.sessionId, whatsappAuthState.key],
          set: { valueEnc: sqlExcluded('value_enc'), updatedAt: new Date() },
        });
    },
    clear: () => clearAuthState(db, sessionId),
  };
}

/** Deletes a session's stored auth state (logout, or a session removed by the operator). */
export async function clearAuthState(db: Db, sessionId: string): Promise<void> {
  await db.delete(whatsappAuthState).where(eq(whatsappAuthState.sessionId, sessionId));
}

function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}
