// The Teacher section's model choices: VS Code's language models to pick the teacher from (while
// the provider is "vscode"), and the teacher ensemble (several models with whole-number weights).
// Model names are data from other extensions and endpoints: they reach the page only as text.
import type { LanguageModelsView, TeacherView, TeacherWeightView } from '../src/shared/protocol.ts';
import { MAX_ENSEMBLE } from '../src/shared/protocol.ts';
import { el } from './dom.ts';
import type { Send } from './render.ts';
import { Toolkit } from './toolkit.ts';

/** The language model picker, or the empty state that says what to install. */
export function languageModelPicker(models: LanguageModelsView, teacherModel: string, ensembleInUse: boolean, send: Send): HTMLElement {
  if (models.models.length === 0) return el('p', { className: 'hint', testId: 'lm-empty', attributes: { role: 'status' } }, models.empty ?? '');
  const known = models.models.some((m) => m.id === teacherModel);
  // Nothing chosen yet (or a model that has gone): a first entry that picks nothing, so choosing any model is a change.
  const placeholder = known ? [] : [el(Toolkit.option, { attributes: { value: '', selected: '' } }, teacherModel === '' ? 'Choose a model…' : `${teacherModel} (not available)`)];
  const choice = el(
    Toolkit.dropdown,
    // While an ensemble is in use its first model is the teacher: one pick here would change nothing.
    { testId: 'lm-models', ...(ensembleInUse ? { title: 'A teacher ensemble is in use: untick its models to pick one.' } : {}), attributes: { 'aria-label': 'VS Code language model', ...(ensembleInUse ? { disabled: '' } : {}) } },
    ...placeholder,
    ...models.models.map((m) => el(Toolkit.option, { title: `${m.id} (${m.detail})`, attributes: { value: m.id, ...(m.id === teacherModel ? { selected: '' } : {}) } }, m.label)),
  );
  choice.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value !== '' && value !== teacherModel) send({ type: 'setTeacherModel', model: value });
  });
  return el('div', { className: 'language-models' }, el('div', { className: 'label' }, 'VS Code language model'), choice);
}

/**
 * Several teachers with weights: each tick or weight change writes seedsmith.teacher.ensemble at
 * once (the setting is the state; a reload shows it). In use from two models on.
 */
export function ensemblePicker(teacher: TeacherView, send: Send): HTMLElement | null {
  const candidates = (teacher.ensembleCandidates ?? []).slice(0, MAX_ENSEMBLE);
  if (candidates.length < 2) return null;
  const chosen = new Map((teacher.ensemble ?? []).map((t) => [t.model, t.weight]));
  const rows = candidates.map((model) => {
    const weight = chosen.get(model);
    const tick = el(Toolkit.checkbox, { testId: 'ensemble-model', attributes: { 'data-model': model, ...(weight !== undefined ? { checked: '' } : {}) } }, model);
    const field = el(Toolkit.textField, { testId: 'ensemble-weight', attributes: { 'data-model': model, value: String(weight ?? 1), size: '3', 'aria-label': `Weight of ${model}` } });
    return { model, tick, field };
  });
  const write = (): void => {
    const teachers: TeacherWeightView[] = rows
      .filter((r) => (r.tick as HTMLInputElement).checked)
      .map((r) => ({ model: r.model, weight: wholeWeight((r.field as HTMLInputElement).value) }));
    send({ type: 'setEnsemble', teachers });
  };
  for (const r of rows) {
    r.tick.addEventListener('change', write);
    r.field.addEventListener('change', write);
  }
  const inUse = (teacher.ensemble ?? []).length > 1;
  return el(
    'div',
    { className: 'ensemble', testId: 'ensemble' },
    el('div', { className: 'label' }, 'Teacher ensemble (weights split the teacher queries)'),
    ...rows.map((r) => el('div', { className: 'row ensemble-row' }, r.tick, r.field)),
    el('p', { className: 'hint', testId: 'ensemble-state' }, inUse ? `In use: ${(teacher.ensemble ?? []).map((t) => `${t.model} × ${t.weight}`).join(', ')}.` : 'Tick two or more models to split the teacher queries between them.'),
  );
}

/** A weight as typed: a whole number from 1 to 1000 (anything else counts 1). */
function wholeWeight(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}
