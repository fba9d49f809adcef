import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '@readme/openapi-parser';
import { openApiDocument } from './openapi';
import { RESOURCES } from './resources';

/** The document the API publishes at /api/v1/openapi.json, checked by a maintained OpenAPI 3.1 validator. */
test('the OpenAPI document is valid OpenAPI 3.1', async () => {
  const doc = structuredClone(openApiDocument());
  const result = await validate(doc as never);
  assert.ok(result.valid, JSON.stringify(result, null, 1).slice(0, 2000));
});

test('it describes every route of the table, with its scope, and the errors as problem details', () => {
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
  assert.deepEqual(described.sort(), RESOURCES.map((r) => `${r.method} ${r.path}`).sort());
  for (const r of RESOURCES) {
    const op = doc.paths[r.path]![r.method.toLowerCase()]!;
    assert.equal(op['x-jaring-permission'], r.op.permission);
    assert.match(String(op.description), new RegExp(r.op.permission.replace('.', '\\.')));
    assert.equal(op.operationId, r.op.name);
    const responses = op.responses as Record<string, { content: Record<string, unknown> }>;
    assert.ok(responses['403']?.content['application/problem+json']);
    assert.ok(!String(op.summary).startsWith('restApi.'), `${r.op.name} has a label`);
  }
});
