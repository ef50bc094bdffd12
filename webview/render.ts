// Snapshot → DOM. Pure with respect to the host: it reads a snapshot and wires buttons to intents.
import type { BudgetView, SeedFileStatus, SeedFileView, SidebarSnapshot, WebviewIntent } from '../src/shared/protocol.ts';
import { el } from './dom.ts';
import { Toolkit } from './toolkit.ts';

type Send = (intent: WebviewIntent) => void;

export function renderSidebar(snapshot: SidebarSnapshot, send: Send): HTMLElement {
  return el(
    'main',
    { className: 'sidebar' },
    renderSeedSection(snapshot.seedFile, send),
    el(Toolkit.divider),
    renderBudgetSection(snapshot.budget),
    snapshot.workspaceTrusted
      ? null
      : el('p', { className: 'notice', testId: 'untrusted' }, 'This workspace is not trusted: you can browse seed files, but generation is disabled until you trust it.'),
  );
}

function selectButton(label: string, send: Send, appearance: 'primary' | 'secondary'): HTMLElement {
  return el(
    Toolkit.button,
    { testId: 'select-seed-file', attributes: { appearance }, onClick: () => send({ type: 'selectSeedFile' }) },
    label,
  );
}

function renderSeedSection(status: SeedFileStatus, send: Send): HTMLElement {
  const section = el('section', { className: 'seed', attributes: { 'aria-labelledby': 'seed-heading' } }, el('h2', { attributes: { id: 'seed-heading' } }, 'Seed file'));
  switch (status.kind) {
    case 'none':
      section.append(
        el('p', { testId: 'no-seed-file' }, 'Choose a JSONL file of seed question/answer pairs to start.'),
        selectButton('Select seed file', send, 'primary'),
      );
      break;
    case 'loading':
      section.append(el('p', { className: 'loading', testId: 'loading' }, el(Toolkit.progressRing), `Reading ${status.fileName}…`));
      break;
    case 'failed':
      section.append(
        el('p', { className: 'error', testId: 'seed-error', attributes: { role: 'alert' } }, `Could not read ${status.fileName}: ${status.message}`),
        selectButton('Select another seed file', send, 'primary'),
      );
      break;
    case 'loaded':
      section.append(...renderSeedFile(status.file, send), selectButton('Change seed file', send, 'secondary'));
      break;
  }
  return section;
}

function fact(label: string, value: string | number, testId: string): HTMLElement[] {
  return [el('dt', {}, label), el('dd', { testId }, String(value))];
}

function renderSeedFile(file: SeedFileView, send: Send): HTMLElement[] {
  const facts = el(
    'dl',
    { className: 'facts' },
    ...fact('Valid seeds', file.validSeeds.toLocaleString('en-US'), 'valid-seeds'),
    ...fact('Bad lines', file.badLineCount.toLocaleString('en-US'), 'bad-lines'),
    ...fact('Warnings', file.warningCount.toLocaleString('en-US'), 'warnings'),
    ...fact('Shape', file.shape, 'shape'),
    ...fact('Fields', `${file.questionField} → ${file.answerField}`, 'fields'),
  );
  const parts = [el('p', { className: 'file-name', testId: 'seed-file-name', title: file.displayPath }, file.fileName), facts];
  if (file.badLines.length > 0) {
    const more = file.badLineCount - file.badLines.length;
    parts.push(
      el(
        'ul',
        { className: 'bad-lines', testId: 'bad-line-list', attributes: { 'aria-label': 'Bad lines' } },
        ...file.badLines.map((bad) =>
          el(
            'li',
            {},
            el(Toolkit.link, { attributes: { href: '#' }, onClick: (event) => { event.preventDefault(); send({ type: 'revealLine', line: bad.line }); } }, `Line ${bad.line}:${bad.column}`),
            ` ${bad.message}`,
          ),
        ),
      ),
    );
    if (more > 0) parts.push(el('p', { className: 'hint' }, `…and ${more.toLocaleString('en-US')} more in the Problems panel.`));
  }
  return parts;
}

function renderBudgetSection(budget: BudgetView): HTMLElement {
  return el(
    'section',
    { className: 'budget', attributes: { 'aria-labelledby': 'budget-heading' } },
    el('h2', { attributes: { id: 'budget-heading' } }, 'Budget'),
    el('dl', { className: 'facts' }, ...fact('Teacher queries', `${budget.teacherSpent} / ${budget.teacherLimit}`, 'teacher-queries')),
  );
}
