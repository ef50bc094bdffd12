// A unit handed to the wrong strategy, or without the seed it needs, is a bug upstream; say so
// before any query is bought.
import type { StrategyId } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import type { WorkUnit } from './strategy.ts';

export function checkUnit(unit: WorkUnit, strategy: StrategyId): void {
  if (unit.strategy !== strategy) throw new Error(`Work unit ${unit.key} is for ${unit.strategy}, not ${strategy}.`);
  if (unit.seeds.length === 0) throw new Error(`Work unit ${unit.key} has no seeds.`);
}

export function onlySeed(unit: WorkUnit): Seed {
  const seed = unit.seeds[0];
  if (seed === undefined || unit.seeds.length !== 1) throw new Error(`Work unit ${unit.key} must have exactly one seed.`);
  return seed;
}
