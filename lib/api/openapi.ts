import { z } from 'zod';
import { translate } from '@/lib/i18n/translate';
import { IDEMPOTENCY_KEY_MAX } from './idempotency';
import { API_BODY_MAX_BYTES, LIMIT_MAX } from './input';
import { RESOURCES, type Resource, routeLabelKey, TAGS } from './resources';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** The fields the API reads from `?limit=` and `?cursor=` itself, never as filters. */
const PAGING_FIELDS = ['limit', 'cursor', 'page', 'pageSize'];

/** The operation's zod input as JSON Schema 2020-12 (OpenAPI 3.1's own dialect), as a client sends it. */
export function inputJsonSchema(resource: Resource): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(resource.op.input, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  if (!resource.id || !schema.properties) return schema;
  const { [resource.id]: _id, ...properties } = schema.properties;
  const required = schema.required?.filter((name) => name !== resource.id);
  return { ...schema, properties, ...(required?.length ? { required } : { required: undefined }) };
}

const problemRef = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ERROR_RESPONSES = {
  '400': problemRef('The body is not a JSON object'),
  '401': problemRef('No key, or the key is unknown, revoked or expired'),
  '403': problemRef('The key lacks the scope this route needs'),
  '404': problemRef('No such record in the key’s organization'),
  '409': problemRef('The record’s state does not allow it (the message says what to do)'),
  '413': problemRef(`The body is larger than ${API_BODY_MAX_BYTES / 1024} KB`),
  '415': problemRef('The body is not application/json'),
  '422': problemRef('A field is invalid; `errors` names each field'),
  '429': problemRef('Over the key’s calls per minute; wait Retry-After seconds'),
};

function parameters(resource: Resource) {
  const out: Record<string, unknown>[] = [];
  if (resource.id) out.push({ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  if (resource.method === 'GET') {
    const schema = inputJsonSchema(resource);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (resource.list && PAGING_FIELDS.includes(name)) continue;
      out.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: resource.booleans?.includes(name) ? { type: 'boolean' } : property,
      });
    }
  }
  if (resource.list && resource.list !== 'all')
    out.push(
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: `How many records a page holds (1–${LIMIT_MAX}).`,
        schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX },
      },
      {
        name: 'cursor',
        in: 'query',
        required: false,
        description: 'The `next_cursor` of the previous page.',
        schema: { type: 'string', maxLength: 300 },
      },
    );
  if (resource.method === 'POST')
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Send the same key again to get the first answer back instead of acting twice (kept 24 hours).',
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX },
    });
  return out;
}

function operationObject(resource: Resource) {
  const permission = resource.op.permission;
  const hasBody = resource.method !== 'GET' && resource.method !== 'DELETE';
  const success = resource.list
    ? { $ref: '#/components/schemas/ListEnvelope' }
    : { $ref: '#/components/schemas/OneEnvelope' };
  const created = resource.method === 'POST' && !resource.id;
  const errors = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).filter(
      ([status]) => (hasBody || !['400', '413', '415'].includes(status)) && (resource.id || status !== '404'),
    ),
  );
  return {
    operationId: resource.op.name,
    tags: [resource.tag],
    summary: translate('en', routeLabelKey(resource)),
    description: `Scope: \`${permission}\`.`,
    'x-jaring-permission': permission,
    parameters: parameters(resource),
    ...(hasBody
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: inputJsonSchema(resource) } },
          },
        }
      : {}),
    responses: {
      [created ? '201' : '200']: {
        description: resource.list ? 'A page of records' : 'The record',
        content: { 'application/json': { schema: success } },
      },
      ...errors,
    },
  };
}

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'Where this error is described.' },
    title: { type: 'string', description: 'The kind of error, in the language of Accept-Language.' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong and what to do next, as the screens say it.' },
    code: { type: 'string', description: 'A stable code to branch on (`not_found`, `validation`, …).' },
    errors: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'For `validation`: a message per field.',
    },
  },
};

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the whole table, built once per process. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const resource of RESOURCES) {
    paths[resource.path] ??= {};
    paths[resource.path]![resource.method.toLowerCase()] = operationObject(resource);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Jaring REST API',
      version: '1',
      description:
        'Every route runs the same operation as the screens, as the member who made the key, limited to the key’s scopes. Errors are RFC 9457 problem details; lists page by cursor.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: TAGS.map((name) => ({ name, description: translate('en', `restApi.tags.${name}`) })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'jrg_…',
          description: 'An API key from Settings → API.',
        },
      },
      schemas: {
        Problem: PROBLEM_SCHEMA,
        OneEnvelope: { type: 'object', required: ['data'], properties: { data: { type: 'object' } } },
        ListEnvelope: {
          type: 'object',
          required: ['data', 'next_cursor'],
          properties: {
            data: { type: 'array', items: { type: 'object' } },
            next_cursor: {
              type: ['string', 'null'],
              description: 'Pass as `cursor` for the next page; null on the last.',
            },
          },
        },
      },
    },
  };
  return cached;
}
