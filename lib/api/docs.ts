import { inputJsonSchema, openApiDocument } from './openapi';
import { RESOURCES, type Resource, routeLabelKey, TAGS, type Tag } from './resources';

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

export type DocField = { name: string; where: 'path' | 'query' | 'header' | 'body'; required: boolean; type: string };
export type DocRoute = {
  method: string;
  path: string;
  permission: string;
  labelKey: string;
  fields: DocField[];
  curl: string;
};

/** A field's type as a reader wants it: `uuid`, `integer`, one of the enum's values. */
function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.enum) return schema.enum.map(String).join(' | ');
  if (schema.anyOf) {
    const kinds = schema.anyOf.filter((s) => s.const !== '').map(typeOf);
    return [...new Set(kinds)].join(' | ') || 'string';
  }
  if (schema.format === 'uuid') return 'uuid';
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return schema.type ?? 'any';
}

function sampleOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return '…';
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf.find((s) => s.const !== '') ?? schema.anyOf[0]);
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return '…';
}

function curlFor(resource: Resource, baseUrl: string, body: JsonSchema | null): string {
  const path = resource.path.replace('{id}', '00000000-0000-4000-8000-000000000000');
  const url = `${baseUrl}/api/v1${path}${resource.list && resource.list !== 'all' ? '?limit=25' : ''}`;
  const lines = [`curl -X ${resource.method} '${url}'`, `  -H 'Authorization: Bearer jrg_…'`];
  if (body) {
    const required = Object.fromEntries((body.required ?? []).map((name) => [name, sampleOf(body.properties?.[name])]));
    lines.push(`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(required)}'`);
  }
  if (resource.method === 'POST') lines.push(`  -H 'Idempotency-Key: <uuid>'`);
  return lines.join(' \\\n');
}

/** The docs page's content, from the same table and schemas as the OpenAPI document. */
export function apiDocGroups(baseUrl: string): { tag: Tag; routes: DocRoute[] }[] {
  const doc = openApiDocument() as {
    paths: Record<
      string,
      Record<string, { parameters: { name: string; in: string; required: boolean; schema: JsonSchema }[] }>
    >;
  };
  return TAGS.map((tag) => ({
    tag,
    routes: RESOURCES.filter((r) => r.tag === tag).map((resource) => {
      const op = doc.paths[resource.path]![resource.method.toLowerCase()]!;
      const hasBody = resource.method !== 'GET' && resource.method !== 'DELETE';
      const body = hasBody ? (inputJsonSchema(resource) as JsonSchema) : null;
      const fields: DocField[] = [
        ...op.parameters.map((p) => ({
          name: p.name,
          where: p.in as DocField['where'],
          required: p.required,
          type: typeOf(p.schema),
        })),
        ...Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
          name,
          where: 'body' as const,
          required: body?.required?.includes(name) ?? false,
          type: typeOf(schema),
        })),
      ];
      return {
        method: resource.method,
        path: `/api/v1${resource.path}`,
        permission: resource.op.permission,
        labelKey: routeLabelKey(resource),
        fields,
        curl: curlFor(resource, baseUrl, body),
      };
    }),
  }));
}
