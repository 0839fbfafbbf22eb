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

/**
 * https://docs.zammad.org/en/latest/api/sla.html — name, calendar_id, first_response_time,
 * response_time, update_time, solution_time (minutes), condition.
 */
export const ZAMMAD_SLA: Schema = {
  type: 'object',
  required: ['name', 'calendar_id', 'condition'],
  properties: {
    name: { type: 'string' },
    calendar_id: { type: 'integer', minimum: 1 },
    first_response_time: { type: 'nullable', of: { type: 'integer', minimum: 1 } },
    response_time: { type: 'nullable', of: { type: 'integer', minimum: 1 } },
    update_time: { type: 'nullable', of: { type: 'integer', minimum: 1 } },
    solution_time: { type: 'nullable', of: { type: 'integer', minimum: 1 } },
    condition: { type: 'object', additional: true, properties: {} },
  },
};

const hhmm = { type: 'string', pattern: /^([01]\d|2[0-3]):[0-5]\d$/ } as const;
const zammadDay: Schema = { type: 'object', required: ['active', 'timeframes'], properties: { active: { type: 'boolean' }, timeframes: { type: 'array', items: { type: 'array', items: hhmm } } } };

/**
 * https://docs.zammad.org/en/latest/api/calendar.html — name, timezone (IANA), business_hours per
 * weekday with timeframes of "HH:MM" pairs, default, ical_url, public_holidays by date.
 */
export const ZAMMAD_CALENDAR: Schema = {
  type: 'object',
  required: ['name', 'timezone', 'business_hours'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string' },
    timezone: { type: 'string' },
    business_hours: { type: 'object', required: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], properties: { mon: zammadDay, tue: zammadDay, wed: zammadDay, thu: zammadDay, fri: zammadDay, sat: zammadDay, sun: zammadDay } },
    default: { type: 'boolean' },
    ical_url: { type: 'string' },
    public_holidays: { type: 'object', additional: true, properties: {} },
  },
};
export const ZAMMAD_HOLIDAY: Schema = { type: 'object', required: ['active', 'summary'], properties: { active: { type: 'boolean' }, summary: { type: 'string' } } };

const freshdeskTarget: Schema = {
  type: 'object',
  required: ['respond_within', 'resolve_within', 'business_hours', 'escalation_enabled'],
  properties: { respond_within: { type: 'integer', minimum: 900 }, resolve_within: { type: 'integer', minimum: 900 }, business_hours: { type: 'boolean' }, escalation_enabled: { type: 'boolean' } },
};

/**
 * https://developers.freshworks.com/freshdesk-sdk/docs/SlaPolicy.html and SlaTarget.html, with the
 * limits of Freshdesk's API tests: all four priorities, seconds, multiples of 60, at least 900.
 */
export const FRESHDESK_SLA_POLICY: Schema = {
  type: 'object',
  required: ['name', 'sla_target', 'applicable_to'],
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    active: { type: 'boolean' },
    sla_target: { type: 'object', required: ['priority_4', 'priority_3', 'priority_2', 'priority_1'], properties: { priority_4: freshdeskTarget, priority_3: freshdeskTarget, priority_2: freshdeskTarget, priority_1: freshdeskTarget } },
    applicable_to: { type: 'object', properties: { company_ids: { type: 'array', items: { type: 'integer' } }, group_ids: { type: 'array', items: { type: 'integer' } }, sources: { type: 'array', items: { type: 'integer' } }, product_ids: { type: 'array', items: { type: 'integer' } } } },
  },
};
