// Which setup sections (seed, teacher, budget, strategy, run) are open. Once samples wait for
// review, the review is what the person came for: the setup sections fold to one summary line
// each so the card is in view without scrolling. A section the person folds or unfolds stays so,
// per layout (setting up, reviewing), kept by the host so a reload brings the same view back.
import { SETUP_SECTIONS, type LayoutView, type SetupSection } from '../shared/protocol.ts';

type Choices = Readonly<Partial<Record<SetupSection, boolean>>>;

/** The person's choices: one set while setting up, one while reviewing. */
export interface SectionChoices {
  readonly setup: Choices;
  readonly review: Choices;
}

export const NO_CHOICES: SectionChoices = { setup: {}, review: {} };

export interface LayoutInputs {
  /** Samples waiting for a decision. */
  readonly pending: number;
  readonly running: boolean;
  /** An API key and a teacher model are set: the Teacher section has nothing to ask for. */
  readonly teacherConfigured: boolean;
  readonly choices: SectionChoices;
}

export function sectionLayout({ pending, running, teacherConfigured, choices }: LayoutInputs): LayoutView {
  const reviewFirst = pending > 0;
  const chosen = reviewFirst ? choices.review : choices.setup;
  const open = {} as Record<SetupSection, boolean>;
  for (const section of SETUP_SECTIONS) open[section] = chosen[section] ?? defaultOpen(section, reviewFirst, running, teacherConfigured);
  return { reviewFirst, open };
}

function defaultOpen(section: SetupSection, reviewFirst: boolean, running: boolean, teacherConfigured: boolean): boolean {
  // A run going on keeps its section open: it holds Stop and the progress.
  if (reviewFirst) return section === 'run' && running;
  // Once the endpoint is set up the Teacher section folds away.
  return section === 'teacher' ? !teacherConfigured : true;
}

export function withChoice(choices: SectionChoices, reviewFirst: boolean, section: SetupSection, open: boolean): SectionChoices {
  return reviewFirst ? { ...choices, review: { ...choices.review, [section]: open } } : { ...choices, setup: { ...choices.setup, [section]: open } };
}

/**
 * The Teacher section folds by default once it is configured, but never by itself while the
 * person works in it: when the person sets the key and model with the section open, it stays
 * open (as a choice) until they fold it. Returns the choices to keep, or undefined for no change.
 */
export function keepTeacherOpen(choices: SectionChoices, wasConfigured: boolean | undefined, configured: boolean): SectionChoices | undefined {
  if (wasConfigured !== false || !configured || choices.setup.teacher !== undefined) return undefined;
  return withChoice(choices, false, 'teacher', true);
}

/**
 * What the person unfolded while reviewing folds again when they start something new from there
 * (another seed file, another run): the Seed section opened to switch files, or the Run section
 * opened to generate more, would otherwise push every later review down.
 */
export function startReview(choices: SectionChoices): SectionChoices {
  return { ...choices, review: {} };
}

/** Choices read back from storage; anything unexpected is dropped. */
export function parseChoices(value: unknown): SectionChoices {
  if (typeof value !== 'object' || value === null) return NO_CHOICES;
  const pick = (part: unknown): Choices => {
    const out: Partial<Record<SetupSection, boolean>> = {};
    if (typeof part !== 'object' || part === null) return out;
    for (const section of SETUP_SECTIONS) {
      const open = (part as Record<string, unknown>)[section];
      if (typeof open === 'boolean') out[section] = open;
    }
    return out;
  };
  const v = value as Record<string, unknown>;
  return { setup: pick(v['setup']), review: pick(v['review']) };
}
