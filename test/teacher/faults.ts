// Decides which fault (if any) a request or a choice gets. Decisions depend only on
// (seed, request index[, choice index]) so a run with the same seed and request order repeats
// exactly. Every rate gets its own draw in a fixed order, so turning one rate up never changes
// which requests another rate hits.
import type { TeacherKnobs } from './knobs.ts';
import { rngFor } from './rng.ts';

/** Outcome decided before any completion exists (the model never ran, except for a hang). */
export type RequestFault = 'none' | 'rateLimited' | 'serverError' | 'hang';

/** What goes wrong with one produced choice. */
export type ChoiceFault = 'none' | 'refusal' | 'empty' | 'malformed' | 'truncated' | 'wrongAnswer';

export interface RequestPlan {
  fault: RequestFault;
  /** Delay before the answer (or the error) is sent. */
  latencyMs: number;
  /** The 200 carries a body that is not a chat completion (the model ran; its answer is lost). */
  brokenBody: boolean;
}

export function planRequest(knobs: Readonly<TeacherKnobs>, requestIndex: number): RequestPlan {
  const rng = rngFor('request', knobs.seed, requestIndex);
  const u429 = rng.next();
  const uError = rng.next();
  const uHang = rng.next();
  const uJitter = rng.next();
  // Drawn last, so adding this knob changed no earlier draw.
  const uBody = rng.next();
  // Precedence mirrors a real stack: the gateway rate-limits before the backend can fail,
  // and a backend that failed cannot also hang.
  let fault: RequestFault = 'none';
  if (u429 < knobs.rateLimit429Rate) fault = 'rateLimited';
  else if (uError < knobs.errorRate) fault = 'serverError';
  else if (uHang < knobs.hangRate) fault = 'hang';
  const latencyMs = knobs.latencyMs + Math.round(uJitter * knobs.latencyJitterMs);
  return { fault, latencyMs, brokenBody: fault === 'none' && uBody < knobs.malformedBodyRate };
}

export function planChoice(knobs: Readonly<TeacherKnobs>, requestIndex: number, choiceIndex: number): ChoiceFault {
  const rng = rngFor('choice', knobs.seed, requestIndex, choiceIndex);
  const order: ReadonlyArray<readonly [Exclude<ChoiceFault, 'none'>, number]> = [
    ['refusal', knobs.refusalRate],
    ['empty', knobs.emptyRate],
    ['malformed', knobs.malformedJsonRate],
    ['truncated', knobs.truncateRate],
    ['wrongAnswer', knobs.wrongAnswerRate],
  ];
  const draws = order.map(() => rng.next());
  for (let i = 0; i < order.length; i++) {
    const [fault, rate] = order[i]!;
    if (draws[i]! < rate) return fault;
  }
  return 'none';
}
