/** Every checker rule, in one list: the composition root passes it to `checkWith`. */
import type { Rule } from '../checker.js';
import { CALENDAR_RULES } from './calendars.js';
import { CLOCK_RULES } from './clocks.js';
import { MONEY_RULES } from './money.js';
import { NAME_RULES } from './names.js';
import { SCENARIO_RULES } from './scenarios.js';

export const RULES: readonly Rule[] = [...NAME_RULES, ...CLOCK_RULES, ...CALENDAR_RULES, ...MONEY_RULES, ...SCENARIO_RULES];
