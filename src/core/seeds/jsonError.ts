// Only for the rare line JSON.parse rejects: firstJsonError.ts finds where the problem is (V8's
// message has no stable format), and the message is put in plain words.
import type { FirstError } from './firstJsonError.ts';
import { findFirstError, ParseError } from './firstJsonError.ts';

export interface JsonProblem {
  /** UTF-16 offset within the line. */
  readonly offset: number;
  /** 0 when the problem is a missing piece at `offset`. */
  readonly length: number;
  readonly message: string;
}

const {
  InvalidSymbol,
  InvalidNumberFormat,
  PropertyNameExpected,
  ValueExpected,
  ColonExpected,
  CommaExpected,
  CloseBraceExpected,
  CloseBracketExpected,
  EndOfFileExpected,
  InvalidCommentToken,
  UnexpectedEndOfComment,
  UnexpectedEndOfString,
  UnexpectedEndOfNumber,
  InvalidUnicode,
  InvalidEscapeCharacter,
  InvalidCharacter,
} = ParseError;

const ONE_LINE = ' (a JSONL record must fit on one line)';

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}

function atLineEnd(text: string, offset: number): boolean {
  for (let i = offset; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function problem(offset: number, length: number, words: string): JsonProblem {
  return { offset, length, message: `invalid JSON: ${words}` };
}

/** A comma right before a closing bracket, which JSON does not allow. */
function trailingComma(text: string, offset: number): JsonProblem | undefined {
  const close = text[offset];
  if (close !== '}' && close !== ']') return undefined;
  const comma = previousNonSpace(text, offset);
  return text[comma] === ',' ? problem(comma, 1, `trailing comma before '${close}'`) : undefined;
}

/** jsonc-parser reports escape and control-character errors on the whole string token. */
function insideString(text: string, offset: number, length: number, code: number): JsonProblem {
  const endOfToken = Math.min(text.length, offset + length);
  for (let i = offset + 1; i < endOfToken; i++) {
    const c = text.charCodeAt(i);
    if (code === InvalidCharacter && c < 0x20) {
      return problem(i, 1, 'control character inside a string: write it as an escape such as \\n or \\t');
    }
    if (c !== 92 /* \ */) continue;
    const next = text.charCodeAt(i + 1);
    if (next === 117 /* u */) {
      let hex = 0;
      while (hex < 4 && isHex(text.charCodeAt(i + 2 + hex))) hex++;
      if (hex < 4 && code === InvalidUnicode) {
        return problem(i, 2 + hex, 'invalid \\u escape in a string: it needs four hex digits');
      }
    } else if (code === InvalidEscapeCharacter && !'"\\/bfnrt'.includes(text[i + 1] ?? '')) {
      const shown = i + 1 < text.length ? `"\\${text[i + 1]}"` : 'at the end of the line';
      return problem(i, Math.min(2, text.length - i), `invalid escape ${shown} in a string`);
    }
    i++;
  }
  return problem(offset, length, code === InvalidCharacter ? 'control character inside a string' : 'invalid escape in a string');
}

/** Characters a person cannot see in the editor, which JSON allows only inside strings. */
function invisible(text: string, offset: number): JsonProblem | undefined {
  const c = text.charCodeAt(offset);
  if (c === 0xfeff) return problem(offset, 1, 'a byte order mark (U+FEFF) in the middle of the file (were two files joined?)');
  if (c === 0xa0 || c === 0x200b || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x2028 || c === 0x2029) {
    const code = c.toString(16).toUpperCase().padStart(4, '0');
    return problem(offset, 1, `invisible character U+${code} outside a string`);
  }
  return undefined;
}

function describe(text: string, e: FirstError): JsonProblem {
  const { offset, length } = e;
  const token = text.slice(offset, offset + Math.max(length, 1));
  const hidden = invisible(text, offset);
  if (hidden) return hidden;
  switch (e.code) {
    case CommaExpected: {
      if (isDigit(text.charCodeAt(offset)) && text[offset - 1] === '0') {
        return problem(offset - 1, 1, 'a number cannot start with 0');
      }
      const close = e.container === '[' ? ']' : '}';
      return problem(offset, length, `expected ',' or '${close}' after a value`);
    }
    case CloseBraceExpected:
      return problem(offset, length, `the line ends before the object is closed with '}'${ONE_LINE}`);
    case CloseBracketExpected:
      return problem(offset, length, `the line ends before the array is closed with ']'${ONE_LINE}`);
    case PropertyNameExpected:
      return trailingComma(text, offset)
        ?? (atLineEnd(text, offset)
          ? problem(offset, length, `the line ends where a property name was expected${ONE_LINE}`)
          : problem(offset, length, 'expected a property name in double quotes'));
    case ValueExpected:
      return trailingComma(text, offset)
        ?? (atLineEnd(text, offset)
          ? problem(offset, length, `the line ends where a value was expected${ONE_LINE}`)
          : problem(offset, length, 'expected a value'));
    case ColonExpected:
      return problem(offset, length, "expected ':' after a property name");
    case InvalidSymbol: {
      if (token.startsWith("'")) return problem(offset, length, 'use double quotes, not single quotes');
      if (e.rootDone && e.container === '') {
        return problem(offset, length, `unexpected text after the end of the ${e.rootIsObject ? 'object' : 'value'}`);
      }
      const before = text[previousNonSpace(text, offset)];
      if (e.container === '{' && (before === '{' || before === ',')) {
        return problem(offset, length, `expected a property name in double quotes, found ${JSON.stringify(token)}`);
      }
      if (e.container !== '' && before !== undefined && !'{[,:'.includes(before)) {
        return problem(offset, length, `expected ',' or '${e.container === '[' ? ']' : '}'}' after a value`);
      }
      return problem(offset, length, `${JSON.stringify(token)} is not a JSON value`);
    }
    case EndOfFileExpected:
      return text[offset] === '{'
        ? problem(offset, length, 'a second object on the same line (JSONL has one object per line)')
        : problem(offset, length, `unexpected text after the end of the ${e.rootIsObject ? 'object' : 'value'}`);
    case InvalidCommentToken:
    case UnexpectedEndOfComment:
      return problem(offset, length, 'comments are not allowed in JSON');
    case UnexpectedEndOfString:
      return problem(offset, length, `the string is not closed before the end of the line${ONE_LINE}`);
    case InvalidNumberFormat:
    case UnexpectedEndOfNumber:
      return problem(offset, length, `malformed number ${JSON.stringify(token)}`);
    case InvalidUnicode:
    case InvalidEscapeCharacter:
    case InvalidCharacter:
      return insideString(text, offset, length, e.code);
    default:
      return problem(offset, length, 'syntax error');
  }
}

/** Where and why `text` (which JSON.parse rejected with `nativeError`) is not JSON. */
export function describeJsonError(text: string, nativeError: unknown): JsonProblem {
  const first = findFirstError(text);
  if (first) return describe(text, first);
  // The two parsers disagree (should not happen): fall back on V8's own words.
  const native = nativeError instanceof Error ? nativeError.message : String(nativeError);
  const position = /at position (\d+)/.exec(native);
  const words = native.replace(/ in JSON at position \d+.*$/, '').replace(/^./, (c) => c.toLowerCase());
  return problem(position ? Number(position[1]) : 0, 0, words);
}
