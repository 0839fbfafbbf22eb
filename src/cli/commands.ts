/**
 * Every subcommand, in help order. A new command is a new file plus one line here.
 *
 * Each command is loaded only when it runs: `pledge check` never pays for the simulator, the
 * renderer or the diff's modules (start-up time, issue 15). `pledge --help` and an unknown name
 * load them all, so the help lists every command and commander can suggest the nearest name.
 */
import type { CliCommand } from './command.js';

export interface LazyCommand {
  /** The subcommand's name, as typed after `pledge`. */
  readonly name: string;
  readonly load: () => Promise<CliCommand>;
}

export const COMMANDS: readonly LazyCommand[] = [
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'fmt', load: async () => (await import('./fmt.js')).fmtCommand },
  { name: 'what-if', load: async () => (await import('./what-if.js')).whatIfCommand },
  { name: 'calendar', load: async () => (await import('./calendar.js')).calendarCommand },
  { name: 'test', load: async () => (await import('./test.js')).testCommand },
  { name: 'simulate', load: async () => (await import('./simulate.js')).simulateCommand },
  { name: 'replay', load: async () => (await import('./replay.js')).replayCommand },
  { name: 'render', load: async () => (await import('./render.js')).renderCommand },
  { name: 'diff', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'drift', load: async () => (await import('./drift.js')).driftCommand },
  { name: 'init', load: async () => (await import('./init.js')).initCommand },
  { name: 'lsp', load: async () => (await import('./lsp.js')).lspCommand },
];

/**
 * The commands `argv` needs defined: only the named one when the first word names a command, none
 * for a bare `--version`, and all of them otherwise (help, no command, a misspelt command).
 */
export function commandsFor(argv: readonly string[]): readonly LazyCommand[] {
  const named = COMMANDS.find((c) => c.name === argv[0]);
  if (named) return [named];
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  return COMMANDS;
}
