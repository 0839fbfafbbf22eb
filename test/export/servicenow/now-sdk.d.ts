/**
 * A minimal declaration of the ServiceNow SDK's Fluent API used by the `servicenow` export target,
 * written from ServiceNow's documentation (not from the SDK's own typings):
 * - Service Level Agreement API - ServiceNow Fluent (ServiceNow/ServiceNowDocs,
 *   markdown/application-development/servicenow-sdk/fluent-sla-api.md; https://servicenow.github.io/sdk/api/sla-api)
 * - Record API - ServiceNow Fluent (…/servicenow-sdk/record-api-now-ts.md)
 * - `$id` values are `Now.ID['String' or Number]` (ServiceNow Fluent language constructs).
 * Properties the docs list as enumerations are typed as those values only, so a misspelt value fails.
 */
declare global {
  const Now: { readonly ID: { readonly [key: string]: NowId; readonly [key: number]: NowId } };
}

/** What `Now.ID[...]` yields: hashed into a sys_id when the application is built. */
export interface NowId {
  readonly __nowId: unique symbol;
}

/** `Duration({ days, hours, minutes, seconds })`. */
export interface DurationValue {
  readonly __duration: unique symbol;
}
export declare function Duration(d: { days?: number; hours?: number; minutes?: number; seconds?: number }): DurationValue;

/** A record made with `Record()`: usable wherever the docs take a "Reference or String". */
export interface RecordRef<T extends string = string> {
  readonly table: T;
}
type Ref = string | RecordRef;

export declare function Record<T extends string>(config: {
  $id: NowId | string | number;
  table: T;
  data?: { [field: string]: string | number | boolean | RecordRef };
  $meta?: { installMethod: 'demo' | 'first install' };
}): RecordRef<T>;

export interface SlaConfig {
  $id: NowId | string | number;
  name: string;
  table?: string;
  type?: 'SLA' | 'OLA' | 'Underpinning contract';
  active?: boolean;
  target?: 'response' | 'resolution';
  duration?: DurationValue;
  durationType?: Ref;
  relativeDurationWorksOn?: 'Task record' | 'SLA record';
  /** A cmn_schedule: the sys_id, or the record defined with the Record API. */
  schedule?: string | RecordRef<'cmn_schedule'>;
  scheduleSource?: 'sla_definition' | 'task_field' | 'no_schedule';
  scheduleSourceField?: string;
  conditions?: { start?: string; stop?: string; pause?: string; resume?: string; reset?: string; cancel?: string };
  advancedConditionType?: 'none' | 'advanced' | 'advanced_journal' | 'advanced_system' | 'advanced_journal_and_system';
  conditionType?: string;
  resetAction?: 'cancel' | 'complete';
  whenTo?: { resume?: 'on_condition' | 'no_match'; cancel?: 'on_condition' | 'no_match' | 'never' };
  retroactive?: { start?: boolean; setStartTo?: string; pause?: boolean };
  timezoneSource?: 'task.caller_id.time_zone' | 'task.caller_id.location.time_zone' | 'task.cmdb_ci.location.time_zone' | 'task.location.time_zone' | 'sla.timezone';
  timezone?: string;
  overrides?: Ref;
  workflow?: Ref;
  flow?: Ref;
  vendor?: Ref;
  domainPath?: string;
  enableLogging?: boolean;
  $meta?: { installMethod: 'demo' | 'first install' };
}
export declare function Sla(config: SlaConfig): RecordRef<'contract_sla'>;
