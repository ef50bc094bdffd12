/** Where a command writes; the real process in main.ts, a recorder in tests. */
export interface CliIo {
  /** Results: what a script reads (one JSON object under --json). */
  readonly out: (text: string) => void;
  /**
   * Resolves once what was written to `out` has been taken by the reader: a command streaming a
   * long output waits on it now and then, so a slow reader does not make it buffer everything.
   */
  readonly outDrained?: () => Promise<void>;
  /** Diagnostics and messages for a person. */
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stderr is a terminal: long commands then draw a live progress line there. */
  readonly stderrIsTty?: boolean;
  /** Registers a Ctrl-C handler for the command's lifetime; returns its remover. */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The command's usage text, printed by --help and after a usage error. */
  readonly usage: string;
  /** Resolves to the exit code; throws UsageError or InputError for bad input. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT_DONE = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
