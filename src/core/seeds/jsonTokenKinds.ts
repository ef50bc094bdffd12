// jsonc-parser's SyntaxKind is an ambient const enum, which isolated modules cannot read: its
// values, once, for every scanner walk in core.
export const OpenBrace = 1;
export const CloseBrace = 2;
export const OpenBracket = 3;
export const CloseBracket = 4;
export const Comma = 5;
export const Colon = 6;
export const NullKeyword = 7;
export const TrueKeyword = 8;
export const FalseKeyword = 9;
export const StringLiteral = 10;
export const NumericLiteral = 11;
export const LineComment = 12;
export const BlockComment = 13;
export const LineBreak = 14;
export const Trivia = 15;
export const Unknown = 16;
export const EOF = 17;
