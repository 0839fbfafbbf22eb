/**
 * Small JSON schemas of the request and response shapes in the targets' public API documentation
 * (the URLs beside each), and a minimal validator for them: types, required fields, enums, integer
 * ranges and no fields the documentation does not list.
 */
export type Schema =
  | { type: 'string'; enum?: readonly string[]; pattern?: RegExp }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'boolean' }
  | { type: 'array'; items: Schema }
  | { type: 'object'; properties: Record<string, Schema>; required?: readonly string[]; additional?: boolean }
  | { type: 'nullable'; of: Schema };

/** Problems of `value` against `schema`, as `path: problem` lines; empty when it conforms. */
export function validate(value: unknown, schema: Schema, at = '$'): string[] {
  switch (schema.type) {
    case 'nullable':
      return value === null ? [] : validate(value, schema.of, at);
    case 'string':
      if (typeof value !== 'string') return [`${at}: not a string`];
      if (schema.enum && !schema.enum.includes(value)) return [`${at}: \`${value}\` not one of ${schema.enum.join(', ')}`];
      if (schema.pattern && !schema.pattern.test(value)) return [`${at}: \`${value}\` does not match ${schema.pattern}`];
      return [];
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return [`${at}: not an integer`];
      if (schema.minimum !== undefined && value < schema.minimum) return [`${at}: ${value} below ${schema.minimum}`];
      if (schema.maximum !== undefined && value > schema.maximum) return [`${at}: ${value} above ${schema.maximum}`];
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => validate(v, schema.items, `${at}[${i}]`)) : [`${at}: not an array`];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
      const out: string[] = [];
      for (const r of schema.required ?? []) if (!(r in value)) out.push(`${at}: missing \`${r}\``);
      for (const [k, v] of Object.entries(value)) {
        const s = schema.properties[k];
        if (s) out.push(...validate(v, s, `${at}.${k}`));
        else if (!schema.additional) out.push(`${at}: field \`${k}\` is not in the documentation`);
      }
      return out;
    }
  }
}

const date = { type: 'string', pattern: /^\d{4}-\d{2}-\d{2}$/ } as const;
const condition: Schema = { type: 'object', properties: { field: { type: 'string' }, operator: { type: 'string' }, value: { type: 'string' } }, required: ['field', 'operator', 'value'] };

/**
 * https://developer.zendesk.com/api-reference/ticketing/business-rules/sla_policies/ — title and
 * filter mandatory; policy metrics: priority low/normal/high/urgent, metric, target (minutes),
 * business_hours.
 */
export const ZENDESK_SLA_POLICY: Schema = {
  type: 'object',
  required: ['title', 'filter'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    position: { type: 'integer', minimum: 1 },
    filter: { type: 'object', properties: { all: { type: 'array', items: condition }, any: { type: 'array', items: condition } } },
    policy_metrics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['priority', 'metric', 'target', 'business_hours'],
        properties: {
          priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
          metric: { type: 'string', enum: ['first_reply_time', 'next_reply_time', 'periodic_update_time', 'pausable_update_time', 'requester_wait_time', 'agent_work_time', 'total_resolution_time'] },
          target: { type: 'integer', minimum: 1 },
          business_hours: { type: 'boolean' },
        },
      },
    },
  },
};

/**
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/ — name and
 * time_zone mandatory; intervals in minutes since Sunday 00:00 (within one week), not spanning days.
 */
export const ZENDESK_SCHEDULE: Schema = {
  type: 'object',
  required: ['name', 'time_zone'],
  properties: {
    name: { type: 'string' },
    time_zone: { type: 'string' },
    intervals: { type: 'array', items: { type: 'object', required: ['start_time', 'end_time'], properties: { start_time: { type: 'integer', minimum: 0, maximum: 10080 }, end_time: { type: 'integer', minimum: 0, maximum: 10080 } } } },
  },
};

/** The same page: a holiday's name, start_date and end_date. */
export const ZENDESK_HOLIDAY: Schema = { type: 'object', required: ['name', 'start_date', 'end_date'], properties: { name: { type: 'string' }, start_date: date, end_date: date } };
