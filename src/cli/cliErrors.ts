// Bad input has a message for a person and exit code 2; anything else that is thrown is an
// unexpected failure (exit 1).

/** The command line itself is wrong (unknown command or flag, missing argument): usage follows. */
export class UsageError extends Error {
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}

/** The input named on the command line cannot be used (a missing or unreadable file). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
