// Carries out what the sidebar asks for: each intent goes to the controller that owns it.
import * as vscode from 'vscode';
import { assertNever } from '../shared/protocol.ts';
import type { BatchController } from './generation/batchController.ts';
import type { GenerationController } from './generation/generationController.ts';
import { CommandId } from './ids.ts';
import type { ReviewController } from './review/reviewController.ts';
import { setReviewFocus } from './review/reviewKeys.ts';
import { revealLine, selectSeedFile } from './seedFileActions.ts';
import type { SectionsState } from './sectionsState.ts';
import type { SeedFileController } from './seedFileController.ts';
import { updateSetting } from './settings.ts';
import { showingErrors } from './showErrors.ts';
import type { SidebarActions } from './sidebarView.ts';

export interface IntentTargets {
  readonly seedFile: SeedFileController;
  readonly generation: GenerationController;
  readonly batchRuns: BatchController;
  readonly review: ReviewController;
  readonly sections: SectionsState;
  readonly log: vscode.LogOutputChannel;
  /** Tells the sidebar whether the review keybindings see it focused. */
  readonly keysLive: (live: boolean) => void;
}

export function intentRouter({ seedFile, generation, batchRuns, review, sections, log, keysLive }: IntentTargets): SidebarActions {
  return async (intent) => {
    switch (intent.type) {
      case 'selectSeedFile':
        sections.startReview();
        return selectSeedFile(seedFile, generation, log);
      case 'revealLine':
        return revealLine(seedFile, intent.line, intent.column ?? 1);
      case 'setApiKey':
        await vscode.commands.executeCommand(CommandId.setApiKey);
        return;
      case 'testConnection':
        return generation.testConnection();
      case 'setTeacherModel':
        return updateSetting('teacher.model', intent.model);
      case 'setEnsemble':
        return updateSetting('teacher.ensemble', intent.teachers.map((t) => ({ model: t.model, weight: t.weight })));
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', intent.query);
        return;
      case 'setStrategy':
        return updateSetting('generation.strategy', intent.strategy);
      case 'setAnswerKind':
        return updateSetting('seeds.answerKind', intent.kind);
      case 'generate':
        sections.startReview();
        return generation.start();
      case 'stop':
        return generation.stop();
      case 'generateBatch':
        return batchRuns.start();
      case 'cancelBatch':
        return batchRuns.cancel();
      case 'decide':
        return showingErrors(() => review.decide(intent.sampleId, intent.decision, { ...(intent.edited ? { edited: intent.edited } : {}), ...(intent.reason ? { reason: intent.reason } : {}) }));
      case 'skip':
        return review.skip(intent.sampleId);
      case 'move':
        return review.moveTo(intent.to, intent.sampleId);
      case 'undo':
        return showingErrors(() => review.undo());
      case 'takeOverSession':
        await vscode.commands.executeCommand(CommandId.takeOverSession);
        return;
      case 'reviewFocus':
        return setReviewFocus(intent.focused, keysLive);
      case 'setFilter':
        return review.setFilter(intent.filter, intent.strategy);
      case 'setSectionOpen':
        sections.set(intent.section, intent.open, intent.reviewFirst);
        return;
      default:
        assertNever(intent);
    }
  };
}
