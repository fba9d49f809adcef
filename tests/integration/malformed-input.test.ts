import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { OPERATIONS, PORTAL_OPERATIONS } from '@/lib/operations';
import { executePortalOperation, type PortalCtx } from '@/lib/portal/operation';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';
import { malformedInputs } from '../support/malformed';
import { makePortalCustomer, portalCtxFor } from './portal-isolation-cases';

/**
 * Every operation (so every server action and route handler, which all run one) is sent
 * malformed input — wrong types, 100 KB strings, bad UUIDs and cursors, negative and huge
 * numbers, arrays, null — as an admin and as a super admin. Each must answer with a result
 * (a field error or a 4xx-type code), never throw: a throw is a 500 for the user.
 */
const db = testDb();
let ctxs: Ctx[] = [];
let portalCtx: PortalCtx;

before(async () => {
  // Anything that would talk to a gateway or WhatsApp goes to a closed loopback port.
  for (const name of ['MIDTRANS_API_URL', 'XENDIT_API_URL', 'TRIPAY_API_URL', 'DUITKU_API_URL'])
    process.env[name] = 'http://127.0.0.1:9';
  process.env.WHATSAPP_WS_URL = 'ws://127.0.0.1:9';
  const { org, admin } = await makeOrg(db, 'malformed');
  const superAdmin = await makeMember(db, org.id, 'admin', { superAdmin: true });
  ctxs = [ctxFor(db, org.id, admin.user.id, 'admin'), ctxFor(db, org.id, superAdmin.user.id, 'super_admin', 'en')];
  // A portal visitor: a phone with one customer, a subscription and an unpaid invoice.
  await makePortalCustomer(db, org.id, '6281377700001');
  portalCtx = await portalCtxFor(db, org.id, '6281377700001');
});

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

describe('malformed input is a field error or a 4xx, never an exception', () => {
  for (const [name, op] of Object.entries(OPERATIONS)) {
    test(name, async () => {
      const problems: string[] = [];
      for (const ctx of ctxs) {
        for (const { label, input } of malformedInputs(op.input)) {
          try {
            const result = await withTimeout(executeOperation(op, ctx, input), 10_000);
            if (!result.ok)
              assert.ok(
                result.message && !result.message.startsWith('errors.'),
                `${label}: untranslated ${result.code}`,
              );
          } catch (error) {
            problems.push(
              `${ctx.role} ${label}: ${String((error as { cause?: Error }).cause?.message ?? (error as Error).message).slice(0, 160)}`,
            );
          }
        }
      }
      assert.deepEqual(problems.slice(0, 40), [], `${problems.length} inputs threw`);
    });
  }
});

describe('malformed input to a portal operation is a field error or a 4xx, never an exception', () => {
  for (const [name, op] of Object.entries(PORTAL_OPERATIONS)) {
    test(name, async () => {
      const problems: string[] = [];
      for (const { label, input } of malformedInputs(op.input)) {
        try {
          const result = await withTimeout(executePortalOperation(op, portalCtx, input), 10_000);
          if (!result.ok)
            assert.ok(result.message && !result.message.startsWith('errors.'), `${label}: untranslated ${result.code}`);
        } catch (error) {
          problems.push(`${label}: ${String((error as Error).message).slice(0, 160)}`);
        }
      }
      assert.deepEqual(problems.slice(0, 40), [], `${problems.length} inputs threw`);
    });
  }
});
