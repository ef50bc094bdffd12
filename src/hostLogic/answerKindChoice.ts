// Which answer kind the editor uses for a seed file, and where that choice comes from: the
// project file's "answerKind" (seedsmith.jsonc, kept with the project) wins when it names a kind;
// else the setting `seedsmith.seeds.answerKind`; else the kind detected from the seeds. Runs,
// the review card's checks and the sidebar all ask this one function, so they never disagree.
import type { AnswerKind, AnswerProfile } from '../core/profile/types.ts';
import type { AnswersView } from '../shared/protocol.ts';

export type AnswerKindSource = 'detected' | 'setting' | 'project';

export interface AnswerKindInputs {
  /** The setting's value (`auto` when unset or not a kind). */
  readonly setting: AnswerKind | 'auto';
  /** The project file's "answerKind", when there is a project file; a file with a problem is not used. */
  readonly project: { readonly fileName: string; readonly kind: AnswerKind | 'auto'; readonly problem: string | null } | null;
}

export interface AnswerKindChoice {
  readonly kind: AnswerKind | 'auto';
  readonly source: AnswerKindSource;
}

export function chooseAnswerKind(inputs: AnswerKindInputs): AnswerKindChoice {
  const project = inputs.project;
  if (project && project.problem === null && project.kind !== 'auto') return { kind: project.kind, source: 'project' };
  if (inputs.setting !== 'auto') return { kind: inputs.setting, source: 'setting' };
  return { kind: 'auto', source: 'detected' };
}

/** How the sidebar names each kind. */
export const KIND_NAMES: Readonly<Record<AnswerKind, string>> = {
  numeric: 'numbers',
  label: 'labels',
  json: 'JSON',
  sql: 'SQL',
  code: 'code',
  text: 'free text',
};

/** `profile`: with the choice applied; `detected`: the kind detection gives. */
export function answersView(profile: AnswerProfile, detected: AnswerKind, inputs: AnswerKindInputs): AnswersView {
  const choice = chooseAnswerKind(inputs);
  const agreeing = profile.counts[profile.kind];
  const text = `${KIND_NAMES[profile.kind]} (${agreeing} of ${profile.seeds} seed${profile.seeds === 1 ? '' : 's'})`;
  const notes: string[] = [];
  const project = inputs.project;
  if (choice.source === 'project' && project) {
    notes.push(`Set by "answerKind" in ${project.fileName}, which wins over the setting${inputs.setting !== 'auto' && inputs.setting !== project.kind ? ` (${KIND_NAMES[inputs.setting]})` : ''}: change it there.`);
  } else if (choice.source === 'setting') {
    notes.push(`Set in the settings; detected from the seeds: ${KIND_NAMES[detected]}.`);
  }
  if (project?.problem) notes.push(`${project.fileName} is not used for the kind: ${project.problem}`);
  if (choice.source !== 'detected' && agreeing < profile.seeds) notes.push(`${profile.seeds - agreeing} of the seeds' answers look like another kind.`);
  return { kind: profile.kind, text, source: choice.source, detected, setting: inputs.setting, note: notes.length > 0 ? notes.join(' ') : null };
}
