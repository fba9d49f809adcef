import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationProgress, failedStep, formatDbm, initialSteps, stepAfter, withStep } from './steps';

test('an activation starts with every step pending, in order', () => {
  const steps = initialSteps();
  assert.deepEqual(
    steps.map((s) => `${s.step}:${s.status}`),
    [
      'register_onu:pending',
      'check_signal:pending',
      'configure_modem:pending',
      'activate_service:pending',
      'move_stock:pending',
      'send_welcome:pending',
    ],
  );
  assert.equal(stepAfter('register_onu'), 'check_signal');
  assert.equal(stepAfter('send_welcome'), null);
});

test("a step's outcome replaces its record only, and a retry finds the failed step", () => {
  const at = new Date('2026-12-07T08:00:00Z');
  let steps = withStep(initialSteps(), 'register_onu', 'done', { detail: { onuIndex: 3 } }, at);
  steps = withStep(steps, 'check_signal', 'failed', { error: { code: 'activation_signal_critical' } }, at);
  assert.equal(steps[0]!.status, 'done');
  assert.equal(steps[0]!.detail?.onuIndex, 3);
  assert.equal(steps[1]!.error?.code, 'activation_signal_critical');
  assert.equal(steps[2]!.status, 'pending');
  assert.equal(failedStep(steps), 'check_signal');
  assert.deepEqual(activationProgress(steps), { done: 1, total: 6 });
  // The retry runs it again: the old error goes.
  steps = withStep(steps, 'check_signal', 'running', {}, at);
  assert.equal(steps[1]!.error, null);
  assert.equal(failedStep(steps), null);
});

test('a skipped step counts as behind it; an old row missing records still lists every step', () => {
  const steps = withStep([], 'configure_modem', 'skipped', { detail: { note: 'no_acs' } });
  assert.equal(steps.length, 6);
  assert.deepEqual(activationProgress(steps), { done: 1, total: 6 });
});

test('dBm figures read as the technician says them: comma decimal and a real minus sign', () => {
  assert.equal(formatDbm(-28.43), '\u221228,4');
  assert.equal(formatDbm(-27), '\u221227,0');
  assert.equal(formatDbm(2.5), '2,5');
});
