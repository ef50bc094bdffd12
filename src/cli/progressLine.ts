// The live line `seedsmith generate` draws on a terminal: samples, spend against the limit, rate
// and ETA, redrawn at most ten times a second so a fast run does not flood the terminal.
import type { LedgerSnapshot } from '../core/budget/ledger.ts';

export interface ProgressState {
  readonly samples: number;
  readonly ledger: LedgerSnapshot;
  readonly plannedTeacherQueries: number;
  readonly startedAt: number;
  readonly note: string | null;
}

export function formatProgress(state: ProgressState, now: number): string {
  const elapsed = Math.max(0.001, (now - state.startedAt) / 1000);
  const teacher = state.ledger.teacher;
  const rate = teacher.completed / elapsed;
  const left = Math.max(0, state.plannedTeacherQueries - teacher.spent);
  const eta = rate > 0 && left > 0 ? ` · ETA ${duration(left / rate)}` : '';
  const augmenter = state.ledger.augmenter.spent > 0 ? ` · augmenter ${state.ledger.augmenter.spent}/${state.ledger.augmenter.limit}` : '';
  return `samples ${state.samples} · teacher ${teacher.spent}/${teacher.limit}${augmenter} · ${rate.toFixed(1)}/s${eta}${state.note ? ` · ${state.note}` : ''}`;
}

/** The note shown while new requests wait: for the endpoint's rate limit to reopen, or for the endpoint to come back. */
export function pauseNote(seconds: number, waitingFor: 'rate-limit' | 'unavailable' = 'rate-limit'): string {
  return waitingFor === 'unavailable' ? `the endpoint is unavailable, trying again in ${seconds} s` : `waiting for the rate limit, resumes in ${seconds} s`;
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class ProgressLine {
  private last = 0;
  private drawn = false;
  private readonly write: (text: string) => void;

  constructor(write: (text: string) => void) {
    this.write = write;
  }

  draw(text: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    this.drawn = true;
    this.write(`\r\x1b[2K${text}`);
  }

  /** Leaves the last line on screen and moves below it. */
  end(): void {
    if (this.drawn) this.write('\n');
    this.drawn = false;
  }
}
