// The commands SeedSmith contributes, each handed to the controller that owns it.
import * as vscode from 'vscode';
import type { CheckResult } from '../core/checks/types.ts';
import { autoRejectFailedChecks } from './autoRejectCommand.ts';
import { exportAcceptedSamples } from './exportCommand.ts';
import type { GenerationController } from './generation/generationController.ts';
import { CommandId, ViewId } from './ids.ts';
import type { ReviewController } from './review/reviewController.ts';
import { registerReviewKeyCommands } from './review/reviewKeys.ts';
import type { ApiKeyStore } from './secrets.ts';
import { selectSeedFile } from './seedFileActions.ts';
import type { SeedFileController } from './seedFileController.ts';
import type { SessionController } from './session/sessionController.ts';
import { takeOverSession } from './session/takeOverCommand.ts';
import { showingErrors } from './showErrors.ts';
import type { SidebarView } from './sidebarView.ts';

export interface CommandTargets {
  readonly extensionMode: vscode.ExtensionMode;
  readonly seedFile: SeedFileController;
  readonly session: SessionController;
  readonly generation: GenerationController;
  readonly review: ReviewController;
  /** The check results of the session as it is now (computed at once if they are stale). */
  readonly currentChecks: () => Promise<ReadonlyMap<string, readonly CheckResult[]>>;
  readonly apiKeys: ApiKeyStore;
  readonly sidebar: SidebarView;
  readonly log: vscode.LogOutputChannel;
}

export const showSidebar = () => vscode.commands.executeCommand(`${ViewId.sidebar}.focus`);

export function registerCommands(t: CommandTargets): vscode.Disposable[] {
  const { seedFile, session, generation, review, currentChecks, apiKeys, sidebar, log } = t;
  // The checks' worker may still be catching up on a large session: say so while it does.
  const checksNow = async () => vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('SeedSmith: checking samples…') }, () => currentChecks());
  return [
    vscode.commands.registerCommand(CommandId.selectSeedFile, (uri?: unknown) => selectSeedFile(seedFile, generation, log, uri)),
    vscode.commands.registerCommand(CommandId.showSidebar, showSidebar),
    vscode.commands.registerCommand(CommandId.generate, async () => {
      await showSidebar();
      await generation.start();
    }),
    vscode.commands.registerCommand(CommandId.stop, () => generation.stop()),
    vscode.commands.registerCommand(CommandId.setApiKey, async (testKey?: unknown) => {
      // Only the extension-host tests may pass the key as an argument (they cannot type into the
      // password box); elsewhere an argument could come from keybindings.json, in plain text.
      // The key is for the current provider's endpoint only.
      const target = await generation.keyTarget();
      if (target === undefined) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith: the teacher provider cannot be used yet; fix its settings first.'));
        return;
      }
      if (t.extensionMode === vscode.ExtensionMode.Test && typeof testKey === 'string') {
        await apiKeys.store(target, testKey);
        return;
      }
      if (await apiKeys.prompt(target)) void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: API key for {0} saved in secret storage.', target.label));
    }),
    vscode.commands.registerCommand(CommandId.clearApiKey, async () => {
      const target = await generation.keyTarget();
      if (target === undefined) return;
      await apiKeys.clear(target);
      void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: API key for {0} removed.', target.label));
    }),
    vscode.commands.registerCommand(CommandId.testConnection, () => generation.testConnection()),
    ...registerReviewKeyCommands({ review, forward: (action) => sidebar.forwardReviewKey(action), guard: showingErrors, showSidebar }),
    vscode.commands.registerCommand(CommandId.takeOverSession, (confirmed?: unknown) => takeOverSession(session, t.extensionMode === vscode.ExtensionMode.Test && confirmed === true)),
    vscode.commands.registerCommand(CommandId.showSamplesForLine, async (sampleId?: unknown) => {
      if (typeof sampleId === 'string') review.show(sampleId);
      await showSidebar();
      sidebar.focusReview();
    }),
    vscode.commands.registerCommand(CommandId.autoReject, (given?: unknown) =>
      showingErrors(async () => autoRejectFailedChecks(session, await checksNow(), Array.isArray(given) ? given.filter((id): id is string => typeof id === 'string') : undefined)),
    ),
    vscode.commands.registerCommand(CommandId.exportSamples, () => {
      const state = seedFile.current;
      return checksNow().then((checks) => exportAcceptedSamples(session.state, state.kind === 'none' ? undefined : state.uri, checks, log)).catch((error: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith: the export failed: {0}', error instanceof Error ? error.message : String(error)));
      });
    }),
  ];
}
