// Every number the strategy rule uses, each with the words it comes from, so the recommendation
// can show a person its sources (method.md, "What the recommender must say", point 6). The
// paper's full tables were not available to us: these are approximate readings of its figures
// (method.md), and SeedSmith's own choices are marked as such. Change a number here and the rule,
// `generate --strategy auto` and every explanation follow.

export const PAPER = 'arXiv 2409.19759, Chan et al. 2024, "Balancing Cost and Effectiveness of Synthetic Data Generation Strategies for LLMs"';

/** How every paper figure below was obtained. */
export const PAPER_READING = `approximate readings of the figures of ${PAPER} that plot student accuracy against the budget ratio`;

/** One reading of where New Question starts to beat Answer Augmentation, as a budget ratio. */
export interface CrossoverReading {
  readonly seedCount: number;
  /** The BR taken as the crossover. */
  readonly crossover: number;
  /** The band of readings around it (tasks disagree inside it). */
  readonly low: number;
  readonly high: number;
  /** What the paper shows, in words. */
  readonly text: string;
}

export interface Figure {
  readonly value: number;
  readonly text: string;
}

export const FIGURES = {
  /** At |S| ≤ 100 the crossover is this reading. */
  crossoverSmall: {
    seedCount: 100,
    crossover: 40,
    low: 27,
    high: 51,
    text: 'with 100 seeds the paper puts the crossover at BR ≈ 27–51, depending on the task (≈ 40, the middle, is taken)',
  },
  /** At |S| ≥ 1,000 the crossover is this reading. */
  crossoverLarge: {
    seedCount: 1000,
    crossover: 17,
    low: 16,
    high: 18,
    text: 'with 1,000 seeds the paper puts the crossover at BR ≈ 17.6, and with the full training set at ≈ 16.4 (≈ 17, band 16–18, is taken)',
  },
  /** Below this BR every reported setting has AA ahead. */
  answerAugmentationAgreed: {
    value: 12,
    text: 'below BR ≈ 12 every reported setting has Answer Augmentation ahead',
  },
  /** NQ's accuracy loss with a weak augmenter, as a fraction. */
  weakAugmenterLoss: {
    value: 0.15,
    text: 'New Question loses about 15% accuracy when a weak augmenter (Llama 2 7B) writes its questions, while Question Rephrase holds up',
  },
  /** BR past which NQ is still improving while AA and QR have levelled off. */
  newQuestionKeepsImproving: {
    value: 500,
    text: 'New Question keeps improving past BR ≈ 500, where Answer Augmentation and Question Rephrase level off',
  },
  /** From this many seeds on, the strategies end close together (SeedSmith's threshold). */
  largeSeedSet: {
    value: 5000,
    text: 'with the full training set (GSM8K: 7,473 questions) the strategies end close together; SeedSmith treats 5,000 seeds or more as that case (our threshold, not the paper\'s)',
  },
} as const satisfies Readonly<Record<string, CrossoverReading | Figure>>;

/**
 * The kinds of task the paper's figures were measured on, by answer kind (issue 10): the
 * recommendation says when the user's seeds are of another kind, so its numbers are a guide
 * borrowed from other tasks there.
 */
export const PAPER_TASKS = {
  numeric: 'math word problems (GSM8K)',
  sql: 'text-to-SQL (Spider)',
  text: 'a generative task whose answers are free sentences',
} as const;

/** The answer kinds in words, as the recommendation names them. */
export const KIND_WORDS = {
  numeric: 'numeric answers',
  label: 'labels (classification)',
  json: 'JSON records (extraction)',
  sql: 'SQL queries (text-to-SQL)',
  code: 'code',
  text: 'free text',
} as const;
