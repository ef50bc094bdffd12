// The first syntax error of a line, found the way jsonc-parser's `visit` finds it (same error
// codes, offsets and lengths) but without recursion: `visit` descends one call per nesting level
// and overflows the stack on a line nested a few thousand levels deep, which JSON.parse rejects
// or accepts without trouble. Only the first error matters, so there is no error recovery here:
// the walk stops at the first problem. Containers open at that point are an explicit stack.
import { createScanner } from 'jsonc-parser';
import type { JSONScanner } from 'jsonc-parser';
import { OpenBrace, CloseBrace, OpenBracket, CloseBracket, Comma, Colon, NullKeyword, TrueKeyword, FalseKeyword, StringLiteral, NumericLiteral, LineComment, BlockComment, LineBreak, Trivia, Unknown, EOF } from './jsonTokenKinds.ts';


export const ParseError = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;

// Scanner errors (ScanError) as the parse errors `visit` reports for them; comments are
// disallowed, so an unterminated comment is reported as a comment token instead.
const SCAN_ERRORS: Readonly<Record<number, number>> = {
  2: ParseError.UnexpectedEndOfString,
  3: ParseError.UnexpectedEndOfNumber,
  4: ParseError.InvalidUnicode,
  5: ParseError.InvalidEscapeCharacter,
  6: ParseError.InvalidCharacter,
};

export interface FirstError {
  readonly code: number;
  readonly offset: number;
  readonly length: number;
  /** Innermost container open at the error: '{', '[' or '' at the top level. */
  readonly container: string;
  readonly rootDone: boolean;
  readonly rootIsObject: boolean;
}

interface Frame {
  readonly kind: '{' | '[';
  needsComma: boolean;
}

class FirstErrorWalk {
  readonly #scanner: JSONScanner;
  readonly #open: Frame[] = [];
  #rootDone = false;
  #rootIsObject = false;
  error: FirstError | undefined;

  constructor(text: string) {
    this.#scanner = createScanner(text, false);
  }

  run(): FirstError | undefined {
    if (this.#next() === EOF) return this.#fail(ParseError.ValueExpected);
    if (this.error) return this.error;
    if (!this.#value()) return this.error ?? this.#fail(ParseError.ValueExpected);
    while (!this.error && this.#open.length > 0) this.#step(this.#open[this.#open.length - 1]!);
    if (this.error) return this.error;
    if (this.#scanner.getToken() !== EOF) this.#fail(ParseError.EndOfFileExpected);
    return this.error;
  }

  #fail(code: number): FirstError {
    this.error ??= {
      code,
      offset: this.#scanner.getTokenOffset(),
      length: this.#scanner.getTokenLength(),
      container: this.#open.at(-1)?.kind ?? '',
      rootDone: this.#rootDone,
      rootIsObject: this.#rootIsObject,
    };
    return this.error;
  }

  /** The next token that is not trivia; a scan error or a stray symbol is the first error. */
  #next(): number {
    for (;;) {
      const token = this.#scanner.scan();
      const scanError = SCAN_ERRORS[this.#scanner.getTokenError()];
      if (scanError !== undefined) this.#fail(scanError);
      if (token === LineComment || token === BlockComment) this.#fail(ParseError.InvalidCommentToken);
      else if (token === Unknown) this.#fail(ParseError.InvalidSymbol);
      else if (token !== Trivia && token !== LineBreak) return token;
      if (this.error) return token;
    }
  }

  /** Starts the value at the current token: a scalar is consumed, a container is opened. False when there is no value here. */
  #value(): boolean {
    const token = this.#scanner.getToken();
    if (token === OpenBrace || token === OpenBracket) {
      const kind = token === OpenBrace ? '{' : '[';
      if (this.#open.length === 0) this.#rootIsObject = kind === '{';
      this.#open.push({ kind, needsComma: false });
      this.#next();
      return true;
    }
    if (token === NumericLiteral && Number.isNaN(Number(this.#scanner.getTokenValue()))) this.#fail(ParseError.InvalidNumberFormat);
    if (token !== StringLiteral && token !== NumericLiteral && token !== NullKeyword && token !== TrueKeyword && token !== FalseKeyword) return false;
    if (this.#open.length === 0) this.#rootDone = true;
    this.#next();
    return true;
  }

  /** One member of the innermost container, or its end. */
  #step(frame: Frame): void {
    const close = frame.kind === '{' ? CloseBrace : CloseBracket;
    let token = this.#scanner.getToken();
    if (token === close || token === EOF) {
      this.#open.pop();
      if (this.#open.length === 0) this.#rootDone = true;
      if (token !== close) this.#fail(frame.kind === '{' ? ParseError.CloseBraceExpected : ParseError.CloseBracketExpected);
      else this.#next();
      return;
    }
    if (token === Comma) {
      if (!frame.needsComma) this.#fail(ParseError.ValueExpected);
      else token = this.#next();
    } else if (frame.needsComma) {
      this.#fail(ParseError.CommaExpected);
    }
    if (this.error) return;
    // Set before descending: the member counts as written once it has started.
    frame.needsComma = true;
    if (frame.kind === '[') {
      if (!this.#value()) this.#fail(ParseError.ValueExpected);
      return;
    }
    if (token !== StringLiteral) {
      this.#fail(ParseError.PropertyNameExpected);
      return;
    }
    if (this.#next() !== Colon) {
      if (!this.error) this.#fail(ParseError.ColonExpected);
      return;
    }
    this.#next();
    if (!this.error && !this.#value()) this.#fail(ParseError.ValueExpected);
  }
}

/** The first error jsonc-parser's `visit` would report for `text`, or undefined when it is valid JSON. */
export function findFirstError(text: string): FirstError | undefined {
  return new FirstErrorWalk(text).run();
}
