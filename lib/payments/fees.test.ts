import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basisPointsToPercent, methodFee, percentToBasisPoints } from './fees';

test('a flat fee borne by the customer is added to what the gateway charges', () => {
  assert.deepEqual(methodFee(150_000, { feeType: 'flat', feeValue: 4_000, feeBearer: 'customer' }), {
    fee: 4_000,
    feeBearer: 'customer',
    charged: 154_000,
  });
});

test('a fee borne by the ISP is recorded but not charged', () => {
  assert.deepEqual(methodFee(150_000, { feeType: 'flat', feeValue: 4_000, feeBearer: 'isp' }), {
    fee: 4_000,
    feeBearer: 'isp',
    charged: 150_000,
  });
});

test('a percent fee is rounded up to the whole rupiah', () => {
  // 0.7% of 166,500 = 1,165.5 -> 1,166
  assert.equal(methodFee(166_500, { feeType: 'percent', feeValue: 70, feeBearer: 'customer' }).fee, 1_166);
  assert.equal(methodFee(100_000, { feeType: 'percent', feeValue: 0, feeBearer: 'customer' }).charged, 100_000);
});

test('percent text as operators type it', () => {
  assert.equal(percentToBasisPoints('0,7'), 70);
  assert.equal(percentToBasisPoints('2.5%'), 250);
  assert.equal(percentToBasisPoints('11'), 1_100);
  assert.equal(percentToBasisPoints('abc'), null);
  assert.equal(percentToBasisPoints('1.234'), null);
  assert.equal(basisPointsToPercent(70), '0,7');
});
