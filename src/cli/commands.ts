/** Every subcommand, in help order. A new command is a new file plus one line here. */
import { checkCommand } from './check.js';
import type { CliCommand } from './command.js';
import { fmtCommand } from './fmt.js';
import { whatIfCommand } from './what-if.js';
import { calendarCommand } from './calendar.js';
import { testCommand } from './test.js';
import { simulateCommand } from './simulate.js';
import { replayCommand } from './replay.js';
import { renderCommand } from './render.js';
import { diffCommand } from './diff.js';

export const COMMANDS: readonly CliCommand[] = [
  checkCommand,
  fmtCommand,
  whatIfCommand,
  calendarCommand,
  testCommand,
  simulateCommand,
  replayCommand,
  renderCommand,
  diffCommand,
];
