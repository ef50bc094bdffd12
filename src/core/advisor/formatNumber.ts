// Numbers as the advisor writes them in sentences: thousands separators, fixed to en-US so tests
// and scripts see the same text on every machine.

/** Counts and ratios: up to two decimals. */
export function formatNumber(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  return round(x, decimals).toLocaleString('en-US', { maximumFractionDigits: decimals });
}

/** Interpolated readings (the crossover and its band): one decimal, as precise as they are. */
export function formatReading(x: number): string {
  return formatNumber(x, 1);
}

/**
 * A ratio next to the band edges it is compared with: more decimals when fewer would print it as
 * an edge it is not equal to (BR 15.999 is below 16 and must not read "16").
 */
export function formatRatio(x: number, edges: readonly number[]): string {
  for (let decimals = 2; decimals <= 6; decimals++) {
    const shown = round(x, decimals);
    if (!edges.some((edge) => edge !== x && round(edge, 1) === shown)) return formatNumber(x, decimals);
  }
  return formatNumber(x, 6);
}

function round(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(x * scale) / scale;
}
