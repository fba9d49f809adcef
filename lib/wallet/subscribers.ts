import { onPaymentEvent } from '@/lib/payments/events';
import { closeGatewayTopup, creditGatewayTopup } from './topups';

// Settlement runs under the gateway transaction's row lock and happens once per transaction;
// creditGatewayTopup also refuses a request no longer pending, so retries never credit twice.
onPaymentEvent('payment.completed', 'wallet_topup', async (tx, e) => {
  const t = e.transaction;
  const done = await creditGatewayTopup(tx, { orgId: t.organizationId, gatewayTransactionId: t.id, amount: t.amount, actorUserId: e.actorUserId, ip: e.ip });
  return { summary: { walletTopup: done.request.id, resellerUserId: done.request.resellerUserId, balance: done.balance } };
});

onPaymentEvent('payment.failed', 'wallet_topup', async (tx, e) => {
  await closeGatewayTopup(tx, { orgId: e.transaction.organizationId, gatewayTransactionId: e.transaction.id, reason: e.transaction.status });
});
