// The strategy card's numbers: the recommendation for this seed file and budget, and what each
// strategy would buy — exact query counts from the real planner, token ranges counted with the
// real tokenizer on rendered prompts, money from the person's prices. Computed off the keystroke
// path when the seeds, the budget or the settings change; the tokenizer (a few MB of tables)
// lives in its own bundle and is loaded the first time it is needed, not at activation.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { StrategyEstimate } from '../../core/advisor/estimate.ts';
import { estimateStrategies } from '../../core/advisor/estimate.ts';
import type { Recommendation } from '../../core/advisor/recommend.ts';
import { recommendStrategy } from '../../core/advisor/recommend.ts';
import type { TokenCounter } from '../../core/advisor/tokens.ts';
import { distinctSeeds } from '../../core/planner/distinctSeeds.ts';
import type { StrategyId } from '../../core/samples/sample.ts';
import type { Seed } from '../../core/seeds/index.ts';
import type { EstimateView } from '../../shared/protocol.ts';
import type { Settings } from '../settings.ts';

const QUIET_MS = 300;

type TokenizerModule = { tokenCounterFor(model: string | undefined): TokenCounter };

export class AdvisorView {
  private recommendation: Recommendation | null = null;
  private estimates: readonly EstimateView[] = [];
  private key = '';
  private timer: NodeJS.Timeout | undefined;
  private tokenizer: TokenizerModule | undefined;
  private readonly extensionPath: string;
  private readonly onUpdated: () => void;

  constructor(extensionPath: string, onUpdated: () => void) {
    this.extensionPath = extensionPath;
    this.onUpdated = onUpdated;
  }

  get current(): { recommendation: Recommendation | null; estimates: readonly EstimateView[] } {
    return { recommendation: this.recommendation, estimates: this.estimates };
  }

  refresh(seeds: readonly Seed[] | null, seedVersion: string, settings: Settings): void {
    const key = JSON.stringify([seedVersion, settings.teacherQueryBudget, settings.augmenterCallBudget, settings.teacherModel, settings.augmenterModel, settings.questionsPerCall, settings.samplesPerSeed ?? null, settings.weakAugmenter, settings.pricing]);
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    if (!seeds || seeds.length === 0) {
      this.recommendation = null;
      this.estimates = [];
      this.onUpdated();
      return;
    }
    this.timer = setTimeout(() => {
      const seedCount = distinctSeeds(seeds).length;
      this.recommendation = recommendStrategy({ seedCount, teacherQueries: settings.teacherQueryBudget, weakAugmenter: settings.weakAugmenter });
      try {
        const tokens = this.loadTokenizer();
        const all = estimateStrategies({
          seeds,
          limits: { teacherQueries: settings.teacherQueryBudget, augmenterCalls: settings.augmenterCallBudget },
          options: { teacherModel: settings.teacherModel || 'teacher', augmenterModel: settings.augmenterModel || 'augmenter', questionsPerCall: settings.questionsPerCall, ...(settings.samplesPerSeed ? { samplesPerSeed: settings.samplesPerSeed } : {}) },
          counters: { teacher: tokens.tokenCounterFor(settings.teacherModel), augmenter: tokens.tokenCounterFor(settings.augmenterModel) },
          pricing: settings.pricing,
        });
        this.estimates = (Object.keys(all) as StrategyId[]).map((id) => viewOf(all[id]));
      } catch {
        // An estimate is a convenience: the recommendation stands without it.
        this.estimates = [];
      }
      this.onUpdated();
    }, QUIET_MS);
  }

  private loadTokenizer(): TokenizerModule {
    this.tokenizer ??= createRequire(path.join(this.extensionPath, 'dist', 'extension.js'))('./tokenizer.js') as TokenizerModule;
    return this.tokenizer;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function viewOf(estimate: StrategyEstimate): EstimateView {
  const cost = estimate.cost.priced ? { low: estimate.cost.low, high: estimate.cost.high, message: null } : { low: null, high: null, message: estimate.cost.message };
  return {
    strategy: estimate.strategy,
    samples: estimate.samples,
    teacherQueries: estimate.teacherQueries,
    augmenterCalls: estimate.augmenterCalls,
    inputTokens: { low: estimate.inputTokens.low, high: estimate.inputTokens.high },
    outputTokens: { low: estimate.outputTokens.low, high: estimate.outputTokens.high },
    cost,
  };
}
