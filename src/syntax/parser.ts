/**
 * The Pledge grammar as a Chevrotain CstParser. Rules are class fields, so a misspelt rule is a
 * compile error; the parser is built once and re-fed with `parser.input = tokens`. Error recovery
 * is on: one run reports every syntax error and still yields a partial tree for the editor.
 * The language reference (`grammar/reference.md`) and railroad diagrams are generated from this.
 */
import { CstParser, EarlyExitException, EOF, NoViableAltException, tokenMatcher, type CstNode, type IParserErrorMessageProvider, type TokenType } from 'chevrotain';
import * as T from './lexer.js';

/** How a token type is named in messages. */
export function tokenLabel(t: TokenType): string {
  if (t === T.Identifier || t === T.Keyword) return 'a name';
  if (t === T.Day) return 'a weekday (mon … sun)';
  if (t === T.PeriodKw) return 'a period (daily, weekly, monthly, quarterly, yearly)';
  return t.LABEL ?? t.name;
}

/** The distinct first tokens of the expected paths, as "a, b or c". */
function firsts(paths: TokenType[][]): string {
  const seen = [...new Set(paths.map((p) => (p[0] ? tokenLabel(p[0]) : undefined)).filter((x): x is string => x !== undefined))];
  if (seen.length <= 1) return seen[0] ?? 'something else';
  if (seen.length > 12) return `${seen.slice(0, 12).join(', ')}, …`;
  return `${seen.slice(0, -1).join(', ')} or ${seen[seen.length - 1]}`;
}

export const TOP_LEVEL = 'expected a declaration';

/** House-style messages (lowercase, no final period); `parse.ts` adds what was found. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => (expected === EOF ? TOP_LEVEL : `expected ${tokenLabel(expected)}`),
  // Chevrotain reports "not all input parsed" as a mismatch against EOF.
  buildNotAllInputParsedMessage: () => TOP_LEVEL,
  buildNoViableAltMessage: ({ expectedPathsPerAlt }) => firsts(expectedPathsPerAlt.flat()),
  buildEarlyExitMessage: ({ expectedIterationPaths }) => firsts(expectedIterationPaths),
};

export class PledgeParser extends CstParser {
  /**
   * `validate` runs Chevrotain's grammar validations (ambiguity, left recursion): a test builds the
   * parser that way. Every run skips them, which halves the parser's construction at start-up.
   */
  constructor(validate = false) {
    super(T.allTokens, { skipValidations: !validate, recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'onlyOffset', errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  /** `getFollowsForInRuleRecovery`'s answers by grammar path (see there). */
  private static followsMemo = new Map<string, TokenType[]>();

  /**
   * Chevrotain's own method (same file), remembered: before every in-repetition recovery and every
   * in-rule recovery it walks the grammar from the top rule to list the token types that can come
   * next on the current grammar path, a walk that depends only on that path (the rule stack, the
   * rules' occurrence indices, the token type and its index in the rule) and the grammar, which
   * does not change. Walked afresh it was over half the parse of a file of broken declarations.
   */
  getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[] {
    // The same fields as Chevrotain's `getCurrentGrammarPath`, which the walk starts from.
    const self = this as unknown as { RULE_STACK: number[]; RULE_STACK_IDX: number; RULE_OCCURRENCE_STACK: number[]; RULE_OCCURRENCE_STACK_IDX: number };
    const rules = self.RULE_STACK.slice(0, self.RULE_STACK_IDX + 1).join(',');
    const occurrences = self.RULE_OCCURRENCE_STACK.slice(0, self.RULE_OCCURRENCE_STACK_IDX + 1).join(',');
    const key = `${rules}|${occurrences}|${tokType.tokenTypeIdx}|${tokIdxInRule}`;
    const memo = PledgeParser.followsMemo;
    let follows = memo.get(key);
    if (!follows) {
      const base = (CstParser.prototype as unknown as Record<string, Function>)['getFollowsForInRuleRecovery']!;
      follows = base.call(this, tokType, tokIdxInRule) as TokenType[];
      if (memo.size >= 10_000) memo.clear();
      memo.set(key, follows);
    }
    return follows;
  }

  /** The repetition `tryInRepetitionRecovery` is running again in a loop (see there). */
  private repeating: { readonly rule: Function; readonly depth: number; readonly args: readonly unknown[]; again: boolean } | undefined;

  /**
   * Chevrotain's own method (same file as `findReSyncTokenType`), with its recursion made a loop.
   * When skipped tokens let a repetition go on, it calls the repetition again from inside itself
   * ("recursive invocation in order to support multiple re-syncs in the same top level repetition"),
   * and that call ends the same way at the next broken declaration: a few stack frames per error,
   * so a long file of broken declarations ran out of stack (a RangeError out of `parse`). The call
   * is the last thing every frame between does, so running it after they return, in a loop here,
   * does the same work in the same order; the repetition's own next recovery (same rule, same rule
   * depth, same arguments) asks this loop to go round again instead of calling itself.
   */
  tryInRepetitionRecovery(rule: Function, args: unknown[], lookAhead: Function, expected: TokenType): void {
    const base = (CstParser.prototype as unknown as Record<string, Function>)['tryInRepetitionRecovery']!;
    const depth = (this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX;
    const r = this.repeating;
    if (r && r.rule === rule && r.depth === depth && r.args.length === args.length && r.args.every((a, i) => a === args[i])) {
      base.call(this, () => (r.again = true), args, lookAhead, expected);
      return;
    }
    const mine = { rule, depth, args, again: false };
    this.repeating = mine;
    try {
      base.call(this, () => (mine.again = true), args, lookAhead, expected);
      while (mine.again) {
        mine.again = false;
        rule.apply(this, args);
      }
    } finally {
      this.repeating = r;
    }
  }

  /** The messages of `raiseEarlyExitException` and `raiseNoAltException` by grammar spot (see there). */
  private static raiseMemo = new Map<string, string>();

  /**
   * Chevrotain's own methods (chevrotain 11.2.0, `lib/src/parse/parser/traits/error_handler.js`),
   * with the message remembered. Each one walks the rule's grammar afresh to list the paths that
   * were expected (`getLookaheadPathsForOptionalProd` / `getLookaheadPathsForOr`, "consider
   * caching" says its source) only to build the message, and this parser's `messages` read nothing
   * but those paths, which depend only on the rule, the production's occurrence and kind and the
   * grammar: a tenth of the parse of a file with ten thousand broken declarations (issue 14). The
   * first time at a spot runs Chevrotain's method; later ones throw the same exception with the
   * message it built, saved the same way.
   */
  raiseEarlyExitException(occurrence: number, prodType: number, userDefinedErrMsg?: string): never {
    const key = `e|${this.getCurrRuleFullNameOf()}|${occurrence}|${prodType}|${userDefinedErrMsg ?? ''}`;
    const msg = PledgeParser.raiseMemo.get(key);
    if (msg === undefined) this.rememberRaise(key, 'raiseEarlyExitException', [occurrence, prodType, userDefinedErrMsg]);
    throw this.saveError(new EarlyExitException(msg!, this.LA(1), this.LA(0)));
  }

  raiseNoAltException(occurrence: number, errMsgTypes?: string): never {
    const key = `n|${this.getCurrRuleFullNameOf()}|${occurrence}|${errMsgTypes ?? ''}`;
    const msg = PledgeParser.raiseMemo.get(key);
    if (msg === undefined) this.rememberRaise(key, 'raiseNoAltException', [occurrence, errMsgTypes]);
    throw this.saveError(new NoViableAltException(msg!, this.LA(1), this.LA(0)));
  }

  /** Runs Chevrotain's `method` (which saves and throws the exception) and remembers its message. */
  private rememberRaise(key: string, method: string, args: unknown[]): never {
    const base = (CstParser.prototype as unknown as Record<string, Function>)[method]!;
    try {
      base.apply(this, args);
    } catch (e) {
      if (e instanceof Error) PledgeParser.raiseMemo.set(key, e.message);
      throw e;
    }
    throw new Error(`${method} returned`);
  }

  private getCurrRuleFullNameOf(): string {
    return (this as unknown as { getCurrRuleFullName(): string }).getCurrRuleFullName();
  }

  private saveError(e: Error): Error {
    return (this as unknown as { SAVE_ERROR(e: Error): Error }).SAVE_ERROR(e);
  }

  /** The last answers of `findReSyncTokenType`, per follow set (see there), for the current input. */
  private resyncMemo = new Map<string, { readonly from: number; readonly at: number; readonly type: TokenType }>();

  /** Chevrotain calls this when it is given a new input (`parser.input = tokens`). */
  override reset(): void {
    super.reset();
    // Undefined while Chevrotain's constructor runs, before the fields are set.
    this.resyncMemo?.clear();
  }

  /**
   * Chevrotain's own method, with the same answer, made linear (issue 14: a 339 KB file of broken
   * declarations took seconds to parse, and 500 KB no answer in 30 s). When a repetition (`MANY`)
   * stops at a token that is not what follows it, Chevrotain tries in-repetition recovery, which
   * first looks for the nearest token ahead that can follow one of the rules being parsed: its
   * `findReSyncTokenType` (chevrotain 11.2.0, `lib/src/parse/parser/traits/recoverable.js`; source
   * `packages/chevrotain/src/parse/parser/traits/recoverable.ts` in github.com/Chevrotain/chevrotain)
   * walks the tokens from `LA(1)` until one matches a type of `flattenFollowSet()`, and answers the
   * first type of that list it matches. At the top level the only follow is EOF, so every
   * declaration that fails to parse scanned to the end of the file: quadratic in a long broken file.
   *
   * The answer depends only on the follow set and the tokens from `LA(1)`: when an earlier walk
   * with the same follow set started at or before `LA(1)` and found its token at or after it, no
   * token between matches, and the answer is that walk's. A walk that starts before the remembered
   * one stops there and takes its answer too. Each walk is remembered per follow set.
   */
  findReSyncTokenType(): TokenType {
    const self = this as unknown as { flattenFollowSet(): TokenType[]; currIdx: number };
    const follows = self.flattenFollowSet();
    const key = follows.map((t) => t.tokenTypeIdx).join(',');
    const from = self.currIdx + 1;
    const memo = this.resyncMemo.get(key);
    const known = memo && memo.at >= from ? memo : undefined;
    for (let i = from; ; i++) {
      if (known && i >= known.from) {
        this.resyncMemo.set(key, { from, at: known.at, type: known.type });
        return known.type;
      }
      // Past the last token, `LA` answers EOF, which EOF (always in the follow set) matches.
      const token = this.LA(i - self.currIdx);
      for (const type of follows) {
        if (tokenMatcher(token, type)) {
          this.resyncMemo.set(key, { from, at: i, type });
          return type;
        }
      }
    }
  }

  contract = this.RULE('contract', () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  declaration = this.RULE('declaration', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.sla) },
      { ALT: () => this.SUBRULE(this.calendar) },
      { ALT: () => this.SUBRULE(this.clock) },
      { ALT: () => this.SUBRULE(this.priority) },
      { ALT: () => this.SUBRULE(this.reclassify) },
      { ALT: () => this.SUBRULE(this.escalation) },
      { ALT: () => this.SUBRULE(this.contact) },
      { ALT: () => this.SUBRULE(this.availability) },
      { ALT: () => this.SUBRULE(this.credits) },
      { ALT: () => this.SUBRULE(this.assert) },
      { ALT: () => this.SUBRULE(this.scenario) },
      { ALT: () => this.SUBRULE(this.plan) },
    ]);
  });

  /** A declared name; a keyword is accepted here so the AST step can say "keyword used as name". */
  declName = this.RULE('declName', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Keyword) }]);
  });

  // ---- sla
  sla = this.RULE('sla', () => {
    this.CONSUME(T.Sla);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.slaStmt));
    this.CONSUME(T.RCurly);
  });

  slaStmt = this.RULE('slaStmt', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Provider); this.CONSUME(T.StringLit); } },
      { ALT: () => { this.CONSUME(T.Customer); this.CONSUME2(T.StringLit); } },
      { ALT: () => { this.CONSUME(T.Term); this.SUBRULE(this.dateSpan); } },
      {
        ALT: () => {
          this.CONSUME(T.Fee);
          this.CONSUME(T.NumberLit);
          this.CONSUME(T.Identifier);
          this.CONSUME(T.PeriodKw);
        },
      },
    ]);
  });

  /** `2026-01-01 to 2026-12-31` */
  dateSpan = this.RULE('dateSpan', () => {
    this.CONSUME(T.DateLit, { LABEL: 'from' });
    this.CONSUME(T.To);
    this.CONSUME2(T.DateLit, { LABEL: 'to' });
  });

  // ---- calendar
  calendar = this.RULE('calendar', () => {
    this.CONSUME(T.Calendar);
    this.SUBRULE(this.declName);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.calendarStmt));
    this.CONSUME(T.RCurly);
  });

  calendarStmt = this.RULE('calendarStmt', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Zone); this.CONSUME(T.StringLit); } },
      { ALT: () => { this.CONSUME(T.Hours); this.SUBRULE(this.days); this.SUBRULE(this.timeRanges); } },
      {
        ALT: () => {
          this.CONSUME(T.Holidays);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME2(T.StringLit, { LABEL: 'region' });
                this.OPTION(() => {
                  this.CONSUME(T.Types);
                  this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
                });
              },
            },
            {
              // `holidays file "path.ics"`: `file` is a word of this statement only, not reserved.
              GATE: () => this.LA(1).image === 'file',
              ALT: () => {
                this.CONSUME2(T.Identifier, { LABEL: 'fileWord' });
                this.CONSUME5(T.StringLit, { LABEL: 'file' });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Closed);
          this.CONSUME(T.DateLit, { LABEL: 'from' });
          this.OPTION2(() => {
            this.CONSUME(T.To);
            this.CONSUME2(T.DateLit, { LABEL: 'to' });
          });
          this.OPTION3(() => this.CONSUME3(T.StringLit, { LABEL: 'reason' }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Open);
          this.CONSUME3(T.DateLit, { LABEL: 'date' });
          this.SUBRULE2(this.timeRanges);
          this.OPTION4(() => this.CONSUME4(T.StringLit, { LABEL: 'openReason' }));
        },
      },
    ]);
  });

  /** `mon-fri, sat` */
  days = this.RULE('days', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.dayRange) });
  });

  dayRange = this.RULE('dayRange', () => {
    this.CONSUME(T.Day, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(T.Dash);
      this.CONSUME2(T.Day, { LABEL: 'to' });
    });
  });

  /** `09:00-12:00, 13:30-18:00` */
  timeRanges = this.RULE('timeRanges', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.timeRange) });
  });

  timeRange = this.RULE('timeRange', () => {
    this.CONSUME(T.TimeLit, { LABEL: 'from' });
    this.CONSUME(T.Dash);
    this.CONSUME2(T.TimeLit, { LABEL: 'to' });
  });

  // ---- clock
  clock = this.RULE('clock', () => {
    this.CONSUME(T.Clock);
    this.SUBRULE(this.declName);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.clockStmt));
    this.CONSUME(T.RCurly);
  });

  clockStmt = this.RULE('clockStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Starts, { LABEL: 'action' }) },
      { ALT: () => this.CONSUME(T.Stops, { LABEL: 'action' }) },
      { ALT: () => this.CONSUME(T.Pauses, { LABEL: 'action' }) },
      { ALT: () => this.CONSUME(T.Resumes, { LABEL: 'action' }) },
      { ALT: () => this.CONSUME(T.Restarts, { LABEL: 'action' }) },
    ]);
    this.SUBRULE(this.nameList);
  });

  /** `P0, P1` or `filed, reopened` */
  nameList = this.RULE('nameList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
  });

  // ---- priority
  priority = this.RULE('priority', () => {
    this.CONSUME(T.Priority);
    this.SUBRULE(this.declName);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.SUBRULE(this.priorityBody);
  });

  priorityBody = this.RULE('priorityBody', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.priorityStmt));
    this.CONSUME(T.RCurly);
  });

  priorityStmt = this.RULE('priorityStmt', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Means); this.CONSUME(T.StringLit); } },
      {
        ALT: () => {
          this.CONSUME(T.Update);
          this.CONSUME(T.Every);
          this.CONSUME(T.DurationLit, { LABEL: 'every' });
          this.CONSUME(T.On);
          this.CONSUME(T.Identifier, { LABEL: 'calendar' });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Identifier, { LABEL: 'clock' });
          this.CONSUME2(T.DurationLit, { LABEL: 'duration' });
          this.CONSUME2(T.On);
          this.CONSUME3(T.Identifier, { LABEL: 'targetCalendar' });
        },
      },
    ]);
  });

  // ---- reclassify
  reclassify = this.RULE('reclassify', () => {
    this.CONSUME(T.Reclassify);
    this.OR([
      { ALT: () => { this.CONSUME(T.Keeps); this.CONSUME(T.Elapsed); } },
      { ALT: () => this.CONSUME(T.Restarts) },
      { ALT: () => this.CONSUME(T.Stricter) },
    ]);
  });

  // ---- escalation
  escalation = this.RULE('escalation', () => {
    this.CONSUME(T.Escalation);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.OPTION2(() => {
      this.CONSUME(T.For);
      this.SUBRULE(this.nameList);
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.escalationStep));
    this.CONSUME(T.RCurly);
  });

  escalationStep = this.RULE('escalationStep', () => {
    this.CONSUME(T.At);
    this.OR([{ ALT: () => this.CONSUME(T.PercentLit) }, { ALT: () => this.CONSUME(T.DurationLit) }]);
    this.CONSUME(T.Of);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Notify);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLit) });
  });

  // ---- contact
  contact = this.RULE('contact', () => {
    this.CONSUME(T.Contact);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.On);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Via);
      this.CONSUME2(T.StringLit, { LABEL: 'via' });
    });
  });

  // ---- availability
  availability = this.RULE('availability', () => {
    this.CONSUME(T.Availability);
    this.CONSUME(T.PercentLit);
    this.CONSUME(T.PeriodKw);
    this.OPTION(() => {
      this.CONSUME(T.LCurly);
      this.MANY(() => this.SUBRULE(this.maintenanceStmt));
      this.CONSUME(T.RCurly);
    });
  });

  maintenanceStmt = this.RULE('maintenanceStmt', () => {
    this.OPTION(() => this.CONSUME(T.Excludes));
    this.CONSUME(T.Maintenance);
    this.SUBRULE(this.days);
    this.SUBRULE(this.timeRange);
    this.CONSUME(T.On);
    this.CONSUME(T.Identifier);
  });

  // ---- credits
  credits = this.RULE('credits', () => {
    this.CONSUME(T.Credits);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.creditStmt));
    this.CONSUME(T.RCurly);
  });

  creditStmt = this.RULE('creditStmt', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Per);
          this.CONSUME(T.Breach);
          this.CONSUME(T.Of);
          this.CONSUME(T.Identifier, { LABEL: 'priority' });
          // `update` names the `update every` promise (grammar/reference.md, "Periodic updates").
          this.OR7([{ ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'clock' }) }, { ALT: () => this.CONSUME(T.Update, { LABEL: 'clock' }) }]);
          this.OR4([
            { ALT: () => this.SUBRULE(this.feeShare) },
            { ALT: () => { this.CONSUME3(T.NumberLit, { LABEL: 'money' }); this.CONSUME3(T.Identifier, { LABEL: 'currency' }); } },
          ]);
          // `per started 1h late, up to 25%` (graded by lateness); a `per breach` after it is the next statement.
          this.OPTION2({
            GATE: () => tokenMatcher(this.LA(2), T.Started),
            DEF: () => {
              this.CONSUME3(T.Per);
              this.CONSUME(T.Started);
              this.CONSUME2(T.DurationLit, { LABEL: 'perLate' });
              this.CONSUME(T.Late);
              this.OPTION3(() => {
                this.CONSUME(T.Comma);
                this.CONSUME(T.Up);
                this.CONSUME2(T.To);
                this.OR6([
                  { ALT: () => this.CONSUME4(T.PercentLit, { LABEL: 'upToPercent' }) },
                  { ALT: () => { this.CONSUME5(T.NumberLit, { LABEL: 'upToMoney' }); this.CONSUME5(T.Identifier, { LABEL: 'upToCurrency' }); } },
                ]);
              });
            },
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.When);
          this.CONSUME(T.Availability);
          this.OR2([
            { ALT: () => { this.CONSUME(T.Below); this.CONSUME(T.PercentLit, { LABEL: 'below' }); } },
            {
              ALT: () => {
                this.CONSUME(T.From);
                this.CONSUME2(T.PercentLit, { LABEL: 'from' });
                this.CONSUME(T.To);
                this.CONSUME3(T.PercentLit, { LABEL: 'below' });
              },
            },
          ]);
          this.SUBRULE2(this.feeShare);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cap);
          this.SUBRULE3(this.feeShare);
          // `per` starts the next `per breach` too: take it only before a number (`per 12 months`).
          this.OPTION({
            GATE: () => tokenMatcher(this.LA(1), T.PeriodKw) || (tokenMatcher(this.LA(1), T.Per) && tokenMatcher(this.LA(2), T.NumberLit)),
            DEF: () =>
            this.OR5([
              { ALT: () => this.CONSUME(T.PeriodKw) },
              { ALT: () => { this.CONSUME2(T.Per); this.CONSUME4(T.NumberLit, { LABEL: 'months' }); this.CONSUME4(T.Identifier, { LABEL: 'monthsWord' }); } },
            ]),
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Claim);
          this.CONSUME(T.Within);
          this.OR3([
            { ALT: () => this.CONSUME(T.DurationLit) },
            { ALT: () => { this.CONSUME(T.NumberLit); this.CONSUME(T.Cycles); } },
          ]);
        },
      },
    ]);
  });

  /** `10% of fee` */
  feeShare = this.RULE('feeShare', () => {
    this.CONSUME(T.PercentLit);
    this.CONSUME(T.Of);
    this.CONSUME(T.Fee);
  });

  // ---- assert
  assert = this.RULE('assert', () => {
    this.CONSUME(T.Assert);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.assertStmt));
    this.CONSUME(T.RCurly);
  });

  /** `P0, P1 resolution within 8h wall [excluding pauses] [under awaiting_customer, reclassified]` */
  assertStmt = this.RULE('assertStmt', () => {
    this.SUBRULE(this.nameList);
    this.CONSUME(T.Identifier, { LABEL: 'clock' });
    this.CONSUME(T.Within);
    this.CONSUME(T.DurationLit);
    this.OPTION(() => this.CONSUME(T.Wall));
    this.OPTION2(() => {
      this.CONSUME(T.Excluding);
      this.CONSUME(T.Pauses);
    });
    this.OPTION3(() => {
      this.CONSUME(T.Under);
      this.SUBRULE2(this.nameList, { LABEL: 'events' });
    });
  });

  // ---- scenario
  scenario = this.RULE('scenario', () => {
    this.CONSUME(T.Scenario);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.scenarioStmt));
    this.CONSUME(T.RCurly);
  });

  scenarioStmt = this.RULE('scenarioStmt', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.PeriodKwd); this.SUBRULE(this.dateSpan); } },
      { ALT: () => { this.CONSUME(T.Arrivals); this.CONSUME(T.NumberLit); this.CONSUME(T.PeriodKw); } },
      {
        ALT: () => {
          this.CONSUME(T.Peak);
          this.SUBRULE(this.days);
          this.SUBRULE(this.timeRange);
          this.CONSUME(T.Multiplier);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Burst);
          this.CONSUME(T.DateLit);
          this.OPTION(() => this.SUBRULE2(this.timeRange));
          this.CONSUME2(T.Multiplier);
        },
      },
      { ALT: () => { this.CONSUME(T.Mix); this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.mixShare) }); } },
      { ALT: () => { this.CONSUME(T.Staff); this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.SUBRULE(this.staffGroup) }); } },
      { ALT: () => { this.CONSUME(T.Work); this.AT_LEAST_ONE_SEP3({ SEP: T.Comma, DEF: () => this.SUBRULE(this.workRange) }); } },
      { ALT: () => { this.CONSUME(T.Seed); this.CONSUME2(T.NumberLit, { LABEL: 'seed' }); } },
      { ALT: () => { this.CONSUME(T.Reply); this.AT_LEAST_ONE_SEP4({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.workRange) }); } },
      { ALT: () => { this.CONSUME(T.Plans); this.AT_LEAST_ONE_SEP5({ SEP: T.Comma, DEF: () => this.SUBRULE(this.planShare) }); } },
      {
        ALT: () => {
          this.CONSUME(T.Queue);
          this.OR2([
            { ALT: () => { this.CONSUME(T.Priority); this.OPTION2(() => this.CONSUME(T.Preemptive)); } },
            { ALT: () => this.CONSUME(T.Fifo) },
            { ALT: () => this.CONSUME(T.Deadline) },
          ]);
        },
      },
      { ALT: () => { this.CONSUME(T.Waits); this.CONSUME(T.PercentLit); this.CONSUME(T.For); this.SUBRULE(this.distribution); } },
      { ALT: () => { this.CONSUME(T.Reopens); this.CONSUME2(T.PercentLit); this.CONSUME(T.After); this.SUBRULE2(this.distribution); } },
      { ALT: () => { this.CONSUME(T.Reclassify); this.AT_LEAST_ONE_SEP6({ SEP: T.Comma, DEF: () => this.SUBRULE(this.reclassMove) }); } },
      { ALT: () => { this.CONSUME(T.Outages); this.CONSUME3(T.NumberLit); this.CONSUME2(T.PeriodKw); this.CONSUME2(T.For); this.SUBRULE3(this.distribution); } },
      { ALT: () => { this.CONSUME(T.Outage); this.CONSUME2(T.DateLit); this.SUBRULE3(this.timeRange); } },
    ]);
  });

  planShare = this.RULE('planShare', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.PercentLit);
  });

  reclassMove = this.RULE('reclassMove', () => {
    this.CONSUME(T.PercentLit);
    this.OR([{ ALT: () => this.CONSUME(T.Up) }, { ALT: () => this.CONSUME(T.Down) }]);
  });

  /** `30m..2h` (uniform) or `median 3h p90 8h` (log-normal). */
  distribution = this.RULE('distribution', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.DurationLit, { LABEL: 'min' });
          this.CONSUME(T.DotDot);
          this.CONSUME2(T.DurationLit, { LABEL: 'max' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Median);
          this.CONSUME3(T.DurationLit, { LABEL: 'median' });
          this.CONSUME(T.P90);
          this.CONSUME4(T.DurationLit, { LABEL: 'p90' });
        },
      },
    ]);
  });

  mixShare = this.RULE('mixShare', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.PercentLit);
  });

  staffGroup = this.RULE('staffGroup', () => {
    this.CONSUME(T.NumberLit);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'tier' }));
    this.CONSUME(T.On);
    this.CONSUME(T.Identifier);
  });

  workRange = this.RULE('workRange', () => {
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.distribution);
  });

  // ---- plan
  plan = this.RULE('plan', () => {
    this.CONSUME(T.Plan);
    this.SUBRULE(this.declName);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.OPTION2(() => {
      this.CONSUME(T.Extends);
      this.CONSUME(T.Identifier, { LABEL: 'parent' });
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.planStmt));
    this.CONSUME(T.RCurly);
  });

  planStmt = this.RULE('planStmt', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Channel); this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLit) }); } },
      { ALT: () => { this.CONSUME(T.Covers); this.SUBRULE(this.nameList); } },
      {
        ALT: () => {
          this.CONSUME(T.Priority);
          this.CONSUME(T.Identifier);
          this.SUBRULE(this.priorityBody);
        },
      },
    ]);
  });
}

let shared: PledgeParser | undefined;

/** The one parser instance: building it runs grammar analysis, so it is built once and re-fed. */
export function parserInstance(): PledgeParser {
  shared ??= new PledgeParser();
  return shared;
}

export type { CstNode };
