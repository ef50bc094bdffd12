// What the run section says in words: why a run cannot start, how the last one ended, and the
// one action that fixes it. The decisions are made elsewhere (src/hostLogic/runBlock.ts, the engine).
import * as vscode from 'vscode';
import type { RunEndReason } from '../../core/engine/engineEvents.ts';
import type { InterruptedRun } from '../../hostLogic/interruptedRun.ts';
import type { RunBlock } from '../../hostLogic/runBlock.ts';
import type { FixAction, RunView } from '../../shared/protocol.ts';
import { describeEndpoint } from '../../teacher/endpoint.ts';
import type { Settings } from '../settings.ts';

export type Blocked = NonNullable<RunView['blocked']>;

const fixes = {
  setKey: { label: vscode.l10n.t('Set API Key'), intent: { type: 'setApiKey' } },
  selectSeeds: { label: vscode.l10n.t('Select Seed File'), intent: { type: 'selectSeedFile' } },
  teacherModel: { label: vscode.l10n.t('Set Teacher Model'), intent: { type: 'openSettings', query: 'seedsmith.teacher.model' } },
  endpoint: { label: vscode.l10n.t('Check Endpoint'), intent: { type: 'openSettings', query: 'seedsmith.teacher.baseUrl' } },
  budget: { label: vscode.l10n.t('Raise Budget'), intent: { type: 'openSettings', query: 'seedsmith.budget' } },
} satisfies Record<string, FixAction>;

export function blockedView(block: RunBlock, settings: Settings, keyFor?: string): Blocked {
  switch (block.kind) {
    case 'untrusted':
      return { message: vscode.l10n.t('Generation is disabled in an untrusted workspace: it sends your seeds to a model endpoint. Trust the workspace to enable it.'), fix: null };
    case 'no-seed-file':
      return { message: vscode.l10n.t('Select a seed file first.'), fix: fixes.selectSeeds };
    case 'no-valid-seed':
      return block.badLines > 0
        ? { message: vscode.l10n.t('The seed file has no valid seed; fix the lines in the Problems panel.'), fix: null }
        : { message: vscode.l10n.t('The seed file is empty: add one JSON object per line, such as {"question": "…", "answer": "…"}, or select another file.'), fix: fixes.selectSeeds };
    case 'seed-file-not-local':
      return { message: vscode.l10n.t('Generation needs a seed file on this computer (the session is kept beside it).'), fix: fixes.selectSeeds };
    case 'no-teacher-model':
      return { message: vscode.l10n.t('Set the teacher model (seedsmith.teacher.model).'), fix: fixes.teacherModel };
    case 'no-api-key':
      return { message: vscode.l10n.t('Set the API key for {0}.', keyFor ?? describeEndpoint(settings.baseUrl)), fix: fixes.setKey };
    case 'read-only':
      return { message: vscode.l10n.t('Another process is writing this session; generation is possible when it ends.'), fix: null };
    case 'no-budget':
      return { message: vscode.l10n.t('The teacher budget is set to 0 queries, so nothing may be sent. Raise it to generate.'), fix: fixes.budget };
    case 'budget-spent':
      return { message: vscode.l10n.t('The teacher budget of {0} queries is spent.', block.limit), fix: fixes.budget };
  }
}

export function describeEnd(reason: RunEndReason, samples: number, message: string | null): string {
  switch (reason) {
    case 'done':
      return vscode.l10n.t('Done: {0} new samples to review.', samples);
    case 'budget':
      return vscode.l10n.t('Stopped: the budget is spent ({0} new samples).', samples);
    case 'time-limit':
      return vscode.l10n.t('Stopped at the time limit: {0} new samples; generate again to go on.', samples);
    case 'cancelled':
      return vscode.l10n.t('Stopped: {0} new samples kept; requests in flight were aborted and count as spent.', samples);
    case 'failed':
      return message ?? vscode.l10n.t('The run failed.');
  }
}

/** A run the journal saw start and never end: the window reloaded or closed while it ran. */
export function describeInterrupted(run: InterruptedRun): string {
  const started = new Date(run.startedAt).toLocaleString();
  return vscode.l10n.t(
    'The run started {0} was cut short (the window was reloaded or closed, or its process stopped, before it finished): {1} new samples kept; {2} teacher queries and {3} augmenter calls spent, requests in flight included, as they may have been billed. Generate continues it without buying anything twice.',
    started, run.samples, run.teacherSpent, run.augmenterSpent,
  );
}

export function fixFor(reason: RunEndReason, message: string | null): FixAction | null {
  if (reason === 'budget') return fixes.budget;
  if (reason !== 'failed' || !message) return null;
  if (/API key|401|403/i.test(message)) return fixes.setKey;
  if (/reach|connect|ECONNREFUSED|ENOTFOUND|404|model/i.test(message)) return fixes.endpoint;
  return null;
}
