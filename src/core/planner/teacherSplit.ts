// A teacher ensemble: the plan's teacher queries split among several teacher models by weight,
// exactly (largest remainder: each teacher gets floor(T·w/W), and the queries left over go to the
// largest fractional parts, ties to the teacher named first). Queries are assigned one by one in
// plan order, each to the teacher furthest behind its share of the queries so far, so a run cut
// short by the budget or a crash has still spent close to the weights.
import type { WorkUnit } from '../strategies/strategy.ts';

export interface TeacherWeight {
  readonly model: string;
  /** A positive whole number (3 and 1 → three queries to the first for each to the second). */
  readonly weight: number;
}

/** Queries per teacher, summing to `total`, by largest remainder. */
export function splitByWeight(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

/**
 * Gives each teacher query of each unit its teacher (`unit.teachers[i]` answers the unit's i-th
 * question). With one teacher the units are returned as they are.
 */
export function assignTeachers(units: readonly WorkUnit[], teachers: readonly TeacherWeight[]): WorkUnit[] {
  if (teachers.length < 2) return [...units];
  const total = units.reduce((sum, unit) => sum + unit.teacherQueries, 0);
  const quotas = splitByWeight(total, teachers.map((t) => t.weight));
  const given = teachers.map(() => 0);
  let assigned = 0;
  const next = (): string => {
    assigned++;
    // Furthest behind its share of the first `assigned` queries, among those with quota left.
    let best = -1;
    let bestLag = -Infinity;
    for (const [i, quota] of quotas.entries()) {
      if (given[i]! >= quota) continue;
      const lag = (quota * assigned) / total - given[i]!;
      if (lag > bestLag + 1e-12) {
        best = i;
        bestLag = lag;
      }
    }
    given[best]!++;
    return teachers[best]!.model;
  };
  return units.map((unit) => ({ ...unit, teachers: Array.from({ length: unit.teacherQueries }, next) }));
}
