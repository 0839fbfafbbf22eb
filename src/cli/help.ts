/**
 * What every `pledge <command> --help` ends with: two or three examples that work on the bundled
 * contracts, and the exit codes (ESLint's convention: 0 fine, 1 problems found, 2 usage or I/O).
 * Required options are marked `required:` in the option list. A test runs every command's help.
 */
import type { Command } from 'commander';

interface Help {
  readonly examples: readonly string[];
  readonly exits: string;
  /** What the command can take (grammar/reference.md, "Limits"), after the exit codes. */
  readonly limits?: string;
}

const EX = 'contracts/realtime-messaging.pledge';

export const HELP: Readonly<Record<string, Help>> = {
  fmt: {
    examples: ['pledge fmt contracts/', 'pledge fmt --check contracts/        # in CI: exit 1 if a file would change', 'cat x.pledge | pledge fmt -'],
    exits: '0 formatted (or nothing to change), 1 a file would change (--check) or has syntax errors, 2 I/O error or bad option',
  },
  'what-if': {
    examples: [
      `pledge what-if ${EX} --priority P2 --filed 2026-11-20T17:00`,
      `pledge what-if ${EX} --priority P1 --filed 2026-11-20T17:00 --event first_reply@2026-11-20T17:40 --event resolved@2026-11-23T10:00`,
      `pledge what-if ${EX} --priority P2 --filed 2026-11-20T17:00 --as-of 2026-11-21T09:00 --json`,
    ],
    exits: '0 done, 1 the contract has errors, 2 bad option or unreadable file',
  },
  calendar: {
    examples: [
      `pledge calendar ${EX} business --from 2026-09-28 --to 2026-10-11`,
      `pledge calendar ${EX} business --from 2026-01-01 --to 2026-12-31 --json`,
      `pledge calendar ${EX} business --from 2026-01-01 --to 2026-12-31 --format ics --open-spans`,
    ],
    exits: '0 done, 1 the contract has errors, 2 bad option, unknown calendar or unreadable file',
  },
  test: {
    examples: ['pledge test contracts/tiered-plans.pledge', `pledge test ${EX} --seed 7 --runs 5000 --json   # exit 1: its 72h assert fails before a holiday`],
    exits: '0 every assert holds, 1 an assert fails or the contract has errors, 2 bad option or unreadable file',
  },
  simulate: {
    examples: [`pledge simulate ${EX}`, `pledge simulate ${EX} --replications 20 --html report.html`, `pledge simulate ${EX} --sweep-staff 2..8 --events events.csv`],
    exits: '0 done, 1 the contract has errors or cannot be simulated, 2 bad option or unreadable file',
    limits:
      'up to 20,000,000 expected tickets a run, in at most 1.6 GB of memory even when all of them are still waiting at the end (about 70 bytes a waiting ticket, 300 a ticket an agent has taken and not finished); with --replications, each worker thread holds a run of its own',
  },
  replay: {
    examples: [`pledge replay ${EX} --tickets events.csv`, `pledge replay ${EX} --tickets export.csv --map-priority 'Urgent=P0' --map-event 'Waiting on customer=awaiting_customer' --json`],
    exits: '0 done, 1 the log has bad rows or the contract has errors, 2 bad option or unreadable file',
  },
  render: {
    examples: [`pledge render ${EX}`, `pledge render ${EX} --lang zh --format html -o terms.html`],
    exits: '0 done, 1 the contract has errors, 2 bad option, unreadable file or unwritable output',
  },
  diff: {
    examples: ['pledge diff old.pledge new.pledge', 'pledge diff old.pledge new.pledge --json'],
    exits: '0 the two mean the same, 1 obligations changed (or a contract has errors), 2 bad option or unreadable file',
  },
  export: {
    examples: ['pledge export contracts/tiered-plans.pledge --to zendesk -o desk/', 'pledge export contracts/tiered-plans.pledge --to zendesk --plan basic --strict'],
    exits: '0 written (warnings on stderr), 1 the contract has errors or --strict found warnings, 2 bad option, unreadable file or unwritable output',
  },
  drift: {
    examples: ['pledge drift contracts/tiered-plans.pledge --from zendesk sla_policies.json schedules.json holidays-123.json', 'pledge drift contracts/tiered-plans.pledge --from zendesk desk/zendesk/*.json --json'],
    exits: '0 the desk agrees with the contract, 1 they differ, 2 bad option, contract errors, or a file that is not the desk\'s API JSON',
  },
  init: {
    examples: ['pledge init', 'pledge init contracts/acme.pledge', 'pledge init - > starter.pledge'],
    exits: '0 written, 2 the file exists (use --force) or cannot be written',
  },
  lsp: {
    examples: ['pledge lsp --stdio            # started by an editor; see editors/README.md'],
    exits: "0 after the client's shutdown and exit, 1 exit without shutdown (LSP's rule)",
  },
};

/** Adds the examples and exit codes to `command`'s help, and marks its required options. */
export function decorateHelp(command: Command): void {
  for (const option of command.options) {
    if (option.mandatory && !option.description.startsWith('required:')) option.description = `required: ${option.description}`;
  }
  const help = HELP[command.name()];
  if (!help) return;
  command.addHelpText('after', `\nExamples:\n${help.examples.map((e) => `  ${e}`).join('\n')}\n\nExit codes: ${help.exits}${help.limits ? `\n\nLimits: ${help.limits}` : ''}`);
}
