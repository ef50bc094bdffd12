// Snapshot → DOM for every section but the review card (review.ts). Pure with respect to the
// host: it reads a snapshot and wires controls to intents.
import type { AnswerKindSetting, AnswersView, BudgetView, FixAction, RoleSpendView, RunView, SeedFileStatus, SeedFileView, SetupSection, StrategyChoice, StrategyId, StrategyView, TeacherView, WebviewIntent } from '../src/shared/protocol.ts';
import { ANSWER_KIND_SETTINGS, STRATEGY_CHOICES, STRATEGY_NAMES, STRATEGY_SHORT_NAMES } from '../src/shared/protocol.ts';
import { el } from './dom.ts';
import { LABELS } from './labels.ts';
import { applyOffer, type ApplyOffer } from './strategyOffer.ts';
import { ensemblePicker, languageModelPicker } from './teacherModels.ts';
import { Toolkit } from './toolkit.ts';

export type Send = (intent: WebviewIntent) => void;

const CONFIDENCE: Record<string, string> = { clear: 'clear', uncertain: 'uncertain: inside the crossover band', 'matters-little': 'the choice matters little here' };

const CHOICE_NAMES: Record<StrategyChoice, string> = { auto: 'Auto (recommended)', ...STRATEGY_NAMES };

/**
 * A setup section: its heading, and a one-line summary shown while it is folded. Whether it is
 * open is the host's to say (snapshot.layout, applied by main.ts), so it survives a reload.
 */
export function section(id: SetupSection, title: string, summary: string, ...children: (Node | null)[]): HTMLElement {
  return el(
    'details',
    { className: `section ${id}`, attributes: { 'aria-labelledby': `${id}-heading`, 'data-section': id } },
    el('summary', {}, el('h2', { attributes: { id: `${id}-heading` } }, title), el('span', { className: 'fold-summary', testId: `${id}-summary` }, summary)),
    ...children,
  );
}

export function button(label: string, intent: WebviewIntent, send: Send, options: { appearance?: 'primary' | 'secondary'; testId?: string; disabled?: boolean; title?: string } = {}): HTMLElement {
  const attributes: Record<string, string> = { appearance: options.appearance ?? 'secondary' };
  if (options.disabled) attributes['disabled'] = '';
  return el(Toolkit.button, { ...(options.testId ? { testId: options.testId } : {}), ...(options.title ? { title: options.title } : {}), attributes, onClick: () => send(intent) }, label);
}

function fixButton(fix: FixAction | null, send: Send): HTMLElement | null {
  return fix ? button(fix.label, fix.intent, send, { testId: 'fix-action' }) : null;
}

function fact(label: string, value: string | number, testId: string): HTMLElement[] {
  return [el('dt', {}, label), el('dd', { testId }, String(value))];
}

const number = (n: number) => n.toLocaleString('en-US');

export function renderSeedSection(status: SeedFileStatus, send: Send): HTMLElement {
  const body: (Node | null)[] = [];
  switch (status.kind) {
    case 'none':
      body.push(
        el('p', { testId: 'no-seed-file' }, 'Choose a JSONL file of seed question/answer pairs to start.'),
        button('Select seed file', { type: 'selectSeedFile' }, send, { appearance: 'primary', testId: 'select-seed-file' }),
      );
      break;
    case 'loading':
      body.push(el('p', { className: 'loading', testId: 'loading' }, el(Toolkit.progressRing), `Reading ${status.fileName}…`));
      break;
    case 'failed':
      body.push(
        el('p', { className: 'error', testId: 'seed-error', attributes: { role: 'alert' } }, `Could not read ${status.fileName}: ${status.message}`),
        button('Select another seed file', { type: 'selectSeedFile' }, send, { appearance: 'primary', testId: 'select-seed-file' }),
      );
      break;
    case 'loaded':
      body.push(...renderSeedFile(status.file, send), button('Change seed file', { type: 'selectSeedFile' }, send, { testId: 'select-seed-file' }));
      break;
  }
  return section('seed', 'Seed file', seedSummary(status), ...body);
}

function seedSummary(status: SeedFileStatus): string {
  switch (status.kind) {
    case 'none':
      return 'none selected';
    case 'loading':
      return `reading ${status.fileName}…`;
    case 'failed':
      return `could not read ${status.fileName}`;
    case 'loaded': {
      const { fileName, validSeeds, badLineCount } = status.file;
      return `${fileName} · ${number(validSeeds)} seeds${badLineCount > 0 ? ` · ${number(badLineCount)} bad` : ''}`;
    }
  }
}

function renderSeedFile(file: SeedFileView, send: Send): HTMLElement[] {
  const facts = el(
    'dl',
    { className: 'facts' },
    ...fact('Valid seeds', number(file.validSeeds), 'valid-seeds'),
    ...fact('Bad lines', number(file.badLineCount), 'bad-lines'),
    ...fact('Warnings', number(file.warningCount), 'warnings'),
    ...fact('Shape', file.shape, 'shape'),
    ...fact('Fields', `${file.questionField} → ${file.answerField}`, 'fields'),
  );
  const parts = [el('p', { className: 'file-name', testId: 'seed-file-name', title: file.displayPath }, file.fileName), facts];
  if (file.answers) parts.push(answersBlock(file.answers, send));
  if (file.badLines.length > 0) {
    parts.push(
      el(
        'ul',
        { className: 'bad-lines', testId: 'bad-line-list', attributes: { 'aria-label': 'Bad lines' } },
        ...file.badLines.map((bad) =>
          el(
            'li',
            {},
            el(Toolkit.link, { attributes: { href: '#' }, onClick: (event) => { event.preventDefault(); send({ type: 'revealLine', line: bad.line, column: bad.column }); } }, `Line ${bad.line}:${bad.column}`),
            ` ${bad.message}`,
          ),
        ),
      ),
    );
    const more = file.badLineCount - file.badLines.length;
    if (more > 0) parts.push(el('p', { className: 'hint' }, `…and ${number(more)} more in the Problems panel.`));
  }
  return parts;
}

const KIND_CHOICE_NAMES: Record<AnswerKindSetting, string> = { auto: 'Auto', numeric: 'Numbers', label: 'Labels', json: 'JSON', sql: 'SQL', code: 'Code', text: 'Free text' };

/** The seeds' answer kind and share, and the setting that overrides it (the project file's value wins, so the control is off then). */
function answersBlock(answers: AnswersView, send: Send): HTMLElement {
  const fromProject = answers.source === 'project';
  const attributes: Record<string, string> = { 'aria-label': 'Answer kind' };
  if (fromProject) attributes['disabled'] = '';
  const choice = el(Toolkit.dropdown, { testId: 'answer-kind-choice', attributes }, ...ANSWER_KIND_SETTINGS.map((kind) => {
    const option: Record<string, string> = { value: kind };
    if (kind === answers.setting) option['selected'] = '';
    return el(Toolkit.option, { attributes: option }, kind === 'auto' ? `Auto (detected: ${KIND_CHOICE_NAMES[answers.detected]})` : KIND_CHOICE_NAMES[kind]);
  }));
  choice.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value as AnswerKindSetting;
    if (value !== answers.setting) send({ type: 'setAnswerKind', kind: value });
  });
  return el(
    'div',
    { className: 'answers' },
    el('dl', { className: 'facts' }, ...fact('Answers', answers.text, 'answer-kind')),
    choice,
    answers.note ? el('p', { className: 'hint', testId: 'answer-kind-note' }, answers.note) : null,
  );
}

export function renderTeacherSection(teacher: TeacherView, send: Send): HTMLElement {
  const connection = teacher.connection.state === 'unknown' ? null : el('p', { className: `connection ${teacher.connection.state}`, testId: 'connection', attributes: { role: 'status' } }, teacher.connection.message);
  const summary = [teacher.teacherModel || 'no model set', teacher.hasApiKey ? '' : 'no API key'].filter(Boolean).join(' · ');
  // VS Code's language models need no URL and no key: the section offers the models instead.
  const lm = teacher.languageModels ?? null;
  return section(
    'teacher',
    'Teacher',
    summary,
    el(
      'dl',
      { className: 'facts' },
      ...(lm ? fact('Provider', 'VS Code language models', 'endpoint') : fact('Endpoint', teacher.baseUrl, 'endpoint')),
      ...fact('Teacher', teacher.teacherModel || 'not set', 'teacher-model'),
      ...fact('Augmenter', teacher.augmenterModel || 'not set', 'augmenter-model'),
      ...(lm ? [] : fact('API key', teacher.hasApiKey ? 'set (in secret storage)' : 'not set', 'api-key')),
    ),
    lm ? languageModelPicker(lm, teacher.teacherModel, (teacher.ensemble ?? []).length > 1, send) : null,
    ensemblePicker(teacher, send),
    el(
      'div',
      { className: 'row' },
      lm ? null : button(teacher.hasApiKey ? LABELS.changeApiKey : LABELS.setApiKey, { type: 'setApiKey' }, send, { testId: 'set-api-key', appearance: teacher.hasApiKey ? 'secondary' : 'primary' }),
      button('Test connection', { type: 'testConnection' }, send, { testId: 'test-connection', title: 'Lists the models: costs no budget' }),
      button('Settings', { type: 'openSettings', query: 'seedsmith.teacher' }, send, { testId: 'teacher-settings' }),
    ),
    connection,
  );
}

/** The Budget section's summary line: the teacher's spend. */
function budgetSummary(spend: RoleSpendView): string {
  if (spend.limit === 0) return `${number(spend.spent)} teacher queries spent · budget set to 0`;
  return `${number(spend.spent)} / ${number(spend.limit)} teacher queries · ${number(spend.remaining)} left`;
}

function spendRow(label: string, spend: RoleSpendView, testId: string): HTMLElement[] {
  const extra = [spend.reserved > 0 ? `${spend.reserved} in flight` : '', spend.retries > 0 ? `${spend.retries} retries` : '', spend.wasted > 0 ? `${spend.wasted} spent for no sample` : ''].filter(Boolean).join(', ');
  // A budget of 0 is "send nothing more", not a budget that ran out: say so rather than "7 / 0".
  if (spend.limit === 0) return fact(label, `${number(spend.spent)} spent · budget set to 0`, testId);
  return fact(label, `${number(spend.spent)} / ${number(spend.limit)}${extra ? ` (${extra})` : ''} · ${number(spend.remaining)} left`, testId);
}

export function renderBudgetSection(budget: BudgetView): HTMLElement {
  return section('budget', 'Budget', budgetSummary(budget.teacher), el('dl', { className: 'facts' }, ...spendRow('Teacher queries', budget.teacher, 'teacher-queries'), ...spendRow('Augmenter calls', budget.augmenter, 'augmenter-calls')));
}

export function renderStrategySection(strategy: StrategyView, send: Send): HTMLElement {
  const dropdown = el(Toolkit.dropdown, { testId: 'strategy', attributes: { 'aria-label': 'Strategy' } }, ...STRATEGY_CHOICES.map((choice) => {
    const attributes: Record<string, string> = { value: choice };
    if (choice === strategy.choice) attributes['selected'] = '';
    return el(Toolkit.option, { attributes }, CHOICE_NAMES[choice]);
  }));
  dropdown.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value as StrategyChoice;
    if (value !== strategy.choice) send({ type: 'setStrategy', strategy: value });
  });
  const rec = strategy.recommendation;
  const card = rec
    ? el(
        'div',
        { className: 'recommendation', testId: 'recommendation' },
        el('p', {}, el('strong', {}, `Recommended: ${STRATEGY_NAMES[rec.strategy]}`), ` · budget ratio ${rec.ratio.toFixed(1)} · ${CONFIDENCE[rec.confidence] ?? rec.confidence}`),
        rec.mixedPlan ? el('p', { className: 'hint', testId: 'mixed-plan' }, rec.mixedPlan) : null,
        el('details', { className: 'why' }, el('summary', {}, 'Why, and where the numbers come from'), el('p', { className: 'hint', testId: 'recommendation-reason' }, rec.reason)),
        offerNode(applyOffer(strategy.choice, rec.strategy), rec.strategy, send),
      )
    : null;
  const summary = strategy.choice === 'auto' && rec ? `Auto: ${STRATEGY_NAMES[rec.strategy]}` : CHOICE_NAMES[strategy.choice];
  return section('strategy', 'Strategy', summary, dropdown, el('p', { className: 'hint' }, `Questions per augmenter call: ${strategy.questionsPerCall}${strategy.samplesPerSeed ? ` · at most ${strategy.samplesPerSeed} answers per seed` : ''}`), card, estimatesTable(strategy, send), feedbackBlock(strategy));
}

function offerNode(offer: ApplyOffer | null, recommended: StrategyId, send: Send): HTMLElement | null {
  if (!offer) return null;
  if (offer.kind === 'auto-follows') return el('p', { className: 'hint', testId: 'auto-follows' }, offer.text);
  return button(offer.label, { type: 'setStrategy', strategy: recommended }, send, { testId: 'apply-recommendation', title: offer.title });
}

function feedbackBlock(strategy: StrategyView): HTMLElement | null {
  const feedback = strategy.feedback;
  if (!feedback) return null;
  return el('div', { className: 'feedback', testId: 'feedback' },
    el('div', { className: 'label' }, 'In review so far'),
    ...feedback.lines.map((line) => el('p', { className: 'hint' }, line)),
    feedback.hint ? el('p', { className: 'notice', testId: 'feedback-hint' }, feedback.hint) : null);
}

const compact = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : number(n));
const range = (low: number, high: number) => (low === high ? compact(low) : `${compact(low)}–${compact(high)}`);
const money = (n: number) => (n < 0.01 ? n.toFixed(4) : n.toFixed(2));

/** A range that may wrap after its dash (and nowhere else) when the column is narrow. */
function breakable(text: string): (string | HTMLElement)[] {
  const dash = text.indexOf('–');
  return dash < 0 ? [text] : [text.slice(0, dash + 1), el('wbr'), text.slice(dash + 1)];
}

/** What each strategy buys under the budget; a click on a row applies it. */
function estimatesTable(strategy: StrategyView, send: Send): HTMLElement | null {
  if (strategy.estimates.length === 0) return null;
  const head = el('tr', {}, ...['', 'samples', 'teacher', 'augm.', 'tokens', 'cost'].map((h) => el('th', { attributes: { scope: 'col' } }, h)));
  const rows = strategy.estimates.map((e) => {
    // A strategy that buys nothing costs nothing worth a figure: '—', as everywhere else.
    const cost = e.samples > 0 && e.cost.low !== null && e.cost.high !== null ? (e.cost.low === e.cost.high ? money(e.cost.low) : `${money(e.cost.low)}–${money(e.cost.high)}`) : '—';
    return el(
      'tr',
      { className: e.strategy === strategy.choice ? 'chosen' : '', title: e.cost.message ?? '' },
      el('th', { attributes: { scope: 'row' } }, el(Toolkit.link, { attributes: { href: '#' }, onClick: (event) => { event.preventDefault(); send({ type: 'setStrategy', strategy: e.strategy }); } }, STRATEGY_SHORT_NAMES[e.strategy])),
      el('td', {}, number(e.samples)), el('td', {}, number(e.teacherQueries)), el('td', {}, number(e.augmenterCalls)),
      el('td', { className: 'range', title: `in ${range(e.inputTokens.low, e.inputTokens.high)}, out ${range(e.outputTokens.low, e.outputTokens.high)}` }, ...breakable(range(e.inputTokens.low + e.outputTokens.low, e.inputTokens.high + e.outputTokens.high))), el('td', { className: 'range' }, ...breakable(cost)),
    );
  });
  const unpriced = strategy.estimates.find((e) => e.cost.message)?.cost.message;
  return el('div', { className: 'estimates' }, el('table', { testId: 'estimates', attributes: { 'aria-label': 'What each strategy buys under the budget' } }, el('thead', {}, head), el('tbody', {}, ...rows)), unpriced ? el('p', { className: 'hint' }, `Cost: ${unpriced}`) : null);
}

export function renderRunSection(run: RunView, send: Send): HTMLElement {
  const parts: (Node | null)[] = [];
  // How the last run ended comes first: it is news; why the next one cannot start follows.
  if (run.last && run.state === 'idle') {
    parts.push(el('p', { className: run.last.reason === 'failed' ? 'error' : 'hint', testId: 'run-result', attributes: { role: run.last.reason === 'failed' ? 'alert' : 'status' } }, run.last.message), fixButton(run.last.fix, send));
  }
  const batch = run.batch;
  if (batch.last && batch.state === 'idle') parts.push(el('p', { className: 'hint', testId: 'batch-result', attributes: { role: 'status' } }, batch.last));
  if (batch.state !== 'idle') {
    // A batch run is out at the provider: the one action is to cancel it there.
    parts.push(button(batch.state === 'cancelling' ? 'Cancelling…' : 'Cancel Batches', { type: 'cancelBatch' }, send, { testId: 'cancel-batch', disabled: batch.state === 'cancelling' }));
  } else if (run.state === 'idle') {
    parts.push(button('Generate', { type: 'generate' }, send, { appearance: 'primary', testId: 'generate', disabled: run.blocked !== null }));
    // Offered only when the endpoint answered a probe of its batch routes and nothing blocks a batch
    // run (batches in flight do not: a batch run settles them first).
    if (batch.offered) parts.push(button('Run as Batch', { type: 'generateBatch' }, send, { testId: 'generate-batch' }));
    if (run.blocked) parts.push(el('p', { className: 'notice', testId: 'run-blocked' }, run.blocked.message), fixButton(run.blocked.fix, send));
  } else {
    parts.push(button(run.state === 'stopping' ? 'Stopping…' : 'Stop', { type: 'stop' }, send, { testId: 'stop', disabled: run.state === 'stopping' }));
  }
  if (run.progress && run.state !== 'idle') {
    const p = run.progress;
    parts.push(
      el('p', { className: 'progress', testId: 'run-progress', attributes: { role: 'status' } }, el(Toolkit.progressRing), `${p.samplesAdded} samples · ${p.teacherSpent} / ${p.teacherPlanned} teacher queries · ${p.ratePerSecond.toFixed(1)}/s${p.note ? ` · ${p.note}` : ''}`),
    );
  }
  if (batch.lines.length > 0) {
    parts.push(el('ul', { className: 'progress', testId: 'batch-progress', attributes: { role: 'status', 'aria-label': 'Batches in flight' } }, ...batch.lines.map((line) => el('li', {}, line))));
  }
  return section('run', 'Run', runSummary(run), ...parts);
}

function runSummary(run: RunView): string {
  if (run.batch.state !== 'idle') return `batch run · ${number(run.batch.lines.length)} batches in flight`;
  if (run.state === 'stopping') return 'stopping…';
  if (run.state === 'running') return `running · ${number(run.progress?.samplesAdded ?? 0)} samples so far`;
  return run.last?.message ?? run.blocked?.message ?? 'ready to generate';
}

export function untrustedNotice(trusted: boolean): HTMLElement | null {
  return trusted ? null : el('p', { className: 'notice', testId: 'untrusted' }, 'This workspace is not trusted: you can browse seed files and review samples, but generation is disabled until you trust it.');
}
