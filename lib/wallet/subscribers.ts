import { onPaymentEvent } from '@/lib/payments/events';
import { closeGatewayTopup, creditGatewayTopup, reverseGatewayTopup } from './topups';

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

// Play money never reaches a wallet: the request is closed, so it does not wait forever.
onPaymentEvent('payment.sandbox', 'wallet_topup', async (tx, e) => {
  await closeGatewayTopup(tx, { orgId: e.transaction.organizationId, gatewayTransactionId: e.transaction.id, reason: 'sandbox' });
  return { summary: { walletTopup: 'not credited (sandbox)' } };
});

// Refunded at the gateway (its dashboard): the credit goes back out of the wallet.
onPaymentEvent('payment.refunded', 'wallet_topup', async (tx, e) => {
  const t = e.transaction;
  const done = await reverseGatewayTopup(tx, { orgId: t.organizationId, gatewayTransactionId: t.id, actorUserId: e.actorUserId, ip: e.ip });
  return { summary: { walletTopupReversed: done } };
});
