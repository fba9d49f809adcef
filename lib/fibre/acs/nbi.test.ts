import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '@/tests/support/genieacs-nbi';
import { AcsError } from './errors';
import { createNbiClient } from './nbi';

/**
 * The NBI client against the stand-in, on the examples of GenieACS's API reference: a query
 * with a projection, a task with connection_request answered 200 / 202 / 404, a fault and its
 * deletion, tags, and the errors a wrong address or password gives.
 */
let nbi: GenieAcsNbi;
before(async () => {
  nbi = await startGenieAcsNbi();
});
after(() => nbi.close());

const client = () => createNbiClient({ url: nbi.url, username: nbi.username, password: nbi.password });

describe('GenieACS NBI client', () => {
  test('GET /devices/?query=…&projection=… returns only the asked subtrees', async () => {
    const id = nbi.addDevice({ oui: '202BC1', productClass: 'BM632w', serial: '0000AB12', params: tr098Params() });
    const [d] = await client().findDevices(
      { '_deviceId._SerialNumber': '0000AB12' },
      { projection: ['_deviceId', 'InternetGatewayDevice.DeviceInfo.SoftwareVersion'] },
    );
    assert.equal(d?._id, id);
    assert.equal(id, '202BC1-BM632w-0000AB12');
    const info = (d!.InternetGatewayDevice as Record<string, Record<string, Record<string, unknown>>>).DeviceInfo!;
    assert.equal(info.SoftwareVersion?._value, 'V9.0.10P1N12');
    assert.equal(info.ModelName, undefined, 'not projected');
    // A parameter path in a query compares its value.
    const byModel = await client().findDevices({ 'InternetGatewayDevice.DeviceInfo.ModelName': 'F670L' });
    assert.ok(byModel.some((x) => x._id === id));
    assert.deepEqual(await client().findDevices({ _id: 'nope' }), []);
    assert.match(nbi.requests.at(-1)!, /^GET \/devices\/\?query=%7B%22_id%22/);
  });

  test('a task on an online device is done (200); offline it waits (202) until the device informs', async () => {
    const id = nbi.addDevice({ oui: '202BC1', productClass: 'BM632w', serial: 'ONLINE01', params: tr098Params() });
    const ssid = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID';
    const done = await client().pushTask(id, {
      name: 'setParameterValues',
      parameterValues: [[ssid, 'Baru', 'xsd:string']],
    });
    assert.equal(done.status, 'done');
    assert.equal(nbi.value(id, ssid), 'Baru');
    assert.match(
      nbi.requests.at(-1)!,
      /^POST \/devices\/202BC1-BM632w-ONLINE01\/tasks\?timeout=3000&connection_request$/,
    );

    nbi.setOnline(id, false);
    const queued = await client().pushTask(id, { name: 'reboot' });
    assert.equal(queued.status, 'queued');
    assert.equal(queued.reason, 'Task queued but not processed');
    assert.equal(await client().taskPending(queued.taskId), true);
    nbi.inform(id);
    assert.equal(await client().taskPending(queued.taskId), false);
  });

  test('a bad parameter faults (202 "Task faulted"); deleting the task removes its fault', async () => {
    const id = nbi.addDevice({ oui: '202BC1', productClass: 'BM632w', serial: 'FAULT01', params: tr098Params() });
    const r = await client().pushTask(id, {
      name: 'setParameterValues',
      parameterValues: [['InternetGatewayDevice.Nope.1.SSID', 'x', 'xsd:string']],
    });
    assert.equal(r.status, 'fault');
    const fault = await client().taskFault(id, r.taskId);
    assert.equal(fault?.code, 'cwmp.9005');
    assert.equal(fault?._id, `${id}:task_${r.taskId}`);
    await client().deleteTask(r.taskId);
    assert.equal(await client().taskFault(id, r.taskId), null);
    assert.equal(await client().taskPending(r.taskId), false);
  });

  test('an unknown device is 404: not_found', async () => {
    await assert.rejects(
      client().pushTask('000000-Nope-0', { name: 'reboot' }),
      (e: unknown) => e instanceof AcsError && e.kind === 'not_found',
    );
  });

  test('tags are added and removed', async () => {
    const id = nbi.addDevice({ oui: '202BC1', productClass: 'BM632w', serial: 'TAG01', params: tr098Params() });
    await client().addTag(id, 'jaring-abc');
    assert.deepEqual(nbi.device(id)?._tags, ['jaring-abc']);
    const [d] = await client().findDevices({ _tags: 'jaring-abc' }, { projection: ['_tags'] });
    assert.equal(d?._id, id);
    await client().removeTag(id, 'jaring-abc');
    assert.equal(nbi.device(id)?._tags, undefined);
  });

  test('a wrong password, a closed port and a slow NBI are told apart', async () => {
    const wrong = createNbiClient({ url: nbi.url, username: 'nbi', password: 'salah' });
    await assert.rejects(wrong.findDevices({}), (e: unknown) => e instanceof AcsError && e.kind === 'unauthorized');
    const closed = createNbiClient({ url: 'http://127.0.0.1:1' });
    await assert.rejects(closed.findDevices({}), (e: unknown) => e instanceof AcsError && e.kind === 'unreachable');
    nbi.delayMs = 400;
    try {
      const slow = createNbiClient({ url: nbi.url, username: nbi.username, password: nbi.password, timeoutMs: 100 });
      await assert.rejects(slow.findDevices({}), (e: unknown) => e instanceof AcsError && e.kind === 'timeout');
    } finally {
      nbi.delayMs = 0;
    }
  });
});
