// The strategy card's numbers: the recommendation for this seed file and budget, and what each
// strategy would buy — exact query counts from the real planner, token ranges counted with the
// real tokenizer on rendered prompts, money from the person's prices. Computed off the keystroke
// path when the seeds, the budget or the settings change. The recommendation is a formula and is
// made here; the estimates count tokens, which takes long for some seed files, so they are made
// on a worker thread (estimateWorker.ts) and shown when they arrive: the host's thread never waits.
import path from 'node:path';
import type { Recommendation } from '../../core/advisor/recommend.ts';
import { recommendStrategy } from '../../core/advisor/recommend.ts';
import { distinctSeeds } from '../../core/planner/distinctSeeds.ts';
import type { Seed } from '../../core/seeds/index.ts';
import type { EstimateView } from '../../shared/protocol.ts';
import type { Settings } from '../settings.ts';
import { EstimateThread, SUPERSEDED } from './estimateThread.ts';

const QUIET_MS = 300;

export class AdvisorView {
  private recommendation: Recommendation | null = null;
  private estimates: readonly EstimateView[] = [];
  private key = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly thread: EstimateThread;
  private readonly onUpdated: () => void;

  /** `workerFile`: the estimate worker's bundle (tests pass the source file). */
  constructor(extensionPath: string, onUpdated: () => void, workerFile: string | URL = path.join(extensionPath, 'dist', 'estimateWorker.js')) {
    this.thread = new EstimateThread(workerFile);
    this.onUpdated = onUpdated;
  }

  get current(): { recommendation: Recommendation | null; estimates: readonly EstimateView[] } {
    return { recommendation: this.recommendation, estimates: this.estimates };
  }

  refresh(seeds: readonly Seed[] | null, seedVersion: string, settings: Settings): void {
    const key = JSON.stringify([seedVersion, settings.teacherLimit, settings.augmenterLimit, settings.teacherModel, settings.augmenterModel, settings.questionsPerCall, settings.samplesPerSeed ?? null, settings.weakAugmenter, settings.pricing]);
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    if (!seeds || seeds.length === 0) {
      this.recommendation = null;
      this.estimates = [];
      this.thread.dispose();
      this.onUpdated();
      return;
    }
    this.timer = setTimeout(() => {
      const seedCount = distinctSeeds(seeds).length;
      this.recommendation = recommendStrategy({ seedCount, teacherQueries: settings.teacherLimit, weakAugmenter: settings.weakAugmenter });
      // The old numbers are for other seeds or settings: none until the new ones arrive.
      this.estimates = [];
      this.onUpdated();
      this.thread
        .run({
          seeds,
          limits: { teacherQueries: settings.teacherLimit, augmenterCalls: settings.augmenterLimit },
          options: { teacherModel: settings.teacherModel || 'teacher', augmenterModel: settings.augmenterModel || 'augmenter', questionsPerCall: settings.questionsPerCall, ...(settings.samplesPerSeed ? { samplesPerSeed: settings.samplesPerSeed } : {}) },
          pricing: settings.pricing,
        })
        .then(
          (estimates) => {
            if (estimates === SUPERSEDED || this.key !== key) return;
            this.estimates = estimates;
            this.onUpdated();
          },
          () => {
            // An estimate is a convenience: the recommendation stands without it.
          },
        );
    }, QUIET_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.thread.dispose();
  }
}
