// Whether a process named in a session lock is still the one that took it. `kill(pid, 0)` alone
// is not enough: it succeeds on a zombie (a dead process nobody reaped, common in containers
// without an init) and on an unrelated process that got the same pid later. On Linux,
// /proc/<pid>/stat says both: the state (Z, X: dead) and the start time (field 22, in clock ticks
// since boot), which the lock records. Where /proc is missing, only `kill(pid, 0)` is asked.
import { readFileSync } from 'node:fs';

export interface ProcessStat {
  /** One letter: R running, S sleeping, D disk wait, Z zombie, X dead, T stopped, … */
  readonly state: string;
  /** Clock ticks after boot at which the process started: with the pid, it names one process. */
  readonly startTime: string;
}

/** The state and start time of a process, or null where /proc does not say (not Linux, gone, hidden). */
export function readProcessStat(pid: number): ProcessStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return parseProcessStat(text);
}

/** `pid (comm) state ppid …`: comm may hold spaces and parentheses, so fields count from the last `)`. */
export function parseProcessStat(text: string): ProcessStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 1).trim().split(/\s+/);
  // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
  const state = fields[0];
  const startTime = fields[19];
  if (state === undefined || startTime === undefined || !/^\d+$/.test(startTime)) return null;
  return { state, startTime };
}

/** This process's start time, to record in a lock it takes; null where the platform gives none. */
export function ownStartTime(): string | null {
  return readProcessStat(process.pid)?.startTime ?? null;
}

/**
 * True while the process that took a lock is running: it exists, is not a zombie, and (when the
 * lock recorded one) has the same start time. A process we may not signal (EPERM) exists.
 */
export function holderIsRunning(pid: number, recordedStartTime: string | null = null): boolean {
  if (!signalReaches(pid)) return false;
  const stat = readProcessStat(pid);
  if (stat === null) return true; // no /proc: kill(pid, 0) is all we know
  if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return false;
  return recordedStartTime === null || stat.startTime === recordedStartTime;
}

/** The command line of a process as `ps` shows it, or null where it cannot be read. */
export function readCommandLine(pid: number): string | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const line = raw.split('\0').filter((part) => part !== '').join(' ');
    return line === '' ? null : line;
  } catch {
    return null;
  }
}

function signalReaches(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
