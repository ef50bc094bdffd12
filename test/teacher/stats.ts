// Counters the budget tests compare against. A "completion" is an HTTP 200 that carried model
// output (counted when the 200 is committed, so a stream the client aborts midway still counts:
// the model ran and would be billed). Rejections (4xx, 429, injected 5xx) and hung requests are
// never completions; hung requests are counted on their own.
import type { ChoiceFault } from './faults.ts';

export interface ModelStats {
  /** Every chat-completion request received for this model, including rejected ones and retries. */
  requests: number;
  completions: number;
  /** Requests the server accepted and deliberately never answered (hangRate). */
  hung: number;
  /** Requests whose client went away before the answer was sent (during latency or a hang). */
  clientAborts: number;
  /** Error responses by HTTP status, e.g. {"429": 2, "500": 1}. */
  errors: Record<string, number>;
  /** Choices that carried each output fault. */
  faults: Record<Exclude<ChoiceFault, 'none'>, number>;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface TeacherStats {
  /** Sum over all models. */
  totals: ModelStats;
  /** Keyed by the requested model id ("(none)" when the request named none or was not JSON). */
  models: Record<string, ModelStats>;
}

export function emptyModelStats(): ModelStats {
  return {
    requests: 0,
    completions: 0,
    hung: 0,
    clientAborts: 0,
    errors: {},
    faults: { refusal: 0, empty: 0, malformed: 0, truncated: 0, wrongAnswer: 0 },
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
  };
}

export class StatsBook {
  #models = new Map<string, ModelStats>();

  #entry(model: string): ModelStats {
    let entry = this.#models.get(model);
    if (!entry) {
      entry = emptyModelStats();
      this.#models.set(model, entry);
    }
    return entry;
  }

  request(model: string): void {
    this.#entry(model).requests++;
  }

  error(model: string, status: number): void {
    const s = this.#entry(model);
    s.errors[status] = (s.errors[status] ?? 0) + 1;
  }

  hung(model: string): void {
    this.#entry(model).hung++;
  }

  clientAbort(model: string): void {
    this.#entry(model).clientAborts++;
  }

  completion(model: string, promptTokens: number, completionTokens: number, faults: readonly ChoiceFault[]): void {
    const s = this.#entry(model);
    s.completions++;
    s.promptTokens += promptTokens;
    s.completionTokens += completionTokens;
    s.totalTokens += promptTokens + completionTokens;
    for (const f of faults) if (f !== 'none') s.faults[f]++;
  }

  reset(): void {
    this.#models.clear();
  }

  /** A deep copy, so callers can keep snapshots and diff them. */
  snapshot(): TeacherStats {
    const totals = emptyModelStats();
    const models: Record<string, ModelStats> = {};
    for (const [model, s] of [...this.#models].sort(([a], [b]) => a.localeCompare(b))) {
      models[model] = structuredClone(s);
      totals.requests += s.requests;
      totals.completions += s.completions;
      totals.hung += s.hung;
      totals.clientAborts += s.clientAborts;
      totals.promptTokens += s.promptTokens;
      totals.completionTokens += s.completionTokens;
      totals.totalTokens += s.totalTokens;
      for (const [status, count] of Object.entries(s.errors)) totals.errors[status] = (totals.errors[status] ?? 0) + count;
      for (const key of Object.keys(totals.faults) as Array<keyof ModelStats['faults']>) totals.faults[key] += s.faults[key];
    }
    return { totals, models };
  }
}
