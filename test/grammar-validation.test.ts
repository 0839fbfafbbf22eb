/**
 * Every run builds the lexer and parser with Chevrotain's validations skipped (start-up time,
 * issue 15); this test runs them, so a token or grammar rule that is ambiguous, unreachable or
 * left-recursive still fails `npm test`.
 */
import { Lexer } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { allTokens, LEXER_CONFIG } from '../src/syntax/lexer.js';
import { PledgeParser } from '../src/syntax/parser.js';

describe('grammar validations (skipped at run time)', () => {
  it('the token set passes the lexer validations', () => {
    const lexer = new Lexer(allTokens, { ...LEXER_CONFIG, skipValidations: false, deferDefinitionErrorsHandling: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });

  it('the grammar passes the parser self-analysis validations', () => {
    expect(() => new PledgeParser(true)).not.toThrow();
  });
});
