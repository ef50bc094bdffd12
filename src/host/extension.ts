// Entry point: wires the seed file, its session, generation, review, the sidebar, the Problems
// panel and the status bar together. State lives in the controllers; the views only render it.
import * as vscode from 'vscode';
import { limitInForce } from '../core/budget/limit.ts';
import { assertNever, type WebviewIntent } from '../shared/protocol.ts';
import type { SeedSmithApi } from './api.ts';
import { GenerationController } from './generation/generationController.ts';
import { AdvisorView } from './advisor/advisorView.ts';
import { autoRejectFailedChecks } from './autoRejectCommand.ts';
import { ChecksCache } from './checks/checksCache.ts';
import { exportAcceptedSamples } from './exportCommand.ts';
import { CommandId, ViewId } from './ids.ts';
import { pickSeedFile } from './pickSeedFile.ts';
import { ReviewController } from './review/reviewController.ts';
import { ApiKeyStore } from './secrets.ts';
import { SeedDiagnostics } from './seedDiagnostics.ts';
import { SeedFileController } from './seedFileController.ts';
import { SeedLensProvider } from './seedLens.ts';
import { SessionController } from './session/sessionController.ts';
import { spendTotals } from './spendTotals.ts';
import { onDidChangeSettings, readSettings, updateSetting } from './settings.ts';
import { buildSidebarSnapshot } from './sidebarSnapshot.ts';
import { SidebarView } from './sidebarView.ts';
import { SpendStatusBar } from './statusBar.ts';

export function activate(context: vscode.ExtensionContext): SeedSmithApi {
  const log = vscode.window.createOutputChannel('SeedSmith', { log: true });
  const seedFile = new SeedFileController(context.workspaceState);
  const session = new SessionController();
  const apiKeys = new ApiKeyStore(context.secrets);
  const diagnostics = new SeedDiagnostics();
  const statusBar = new SpendStatusBar();
  let settings = readSettings();
  let hasApiKey = false;
  const generation = new GenerationController({ seedFile, session, apiKeys, settings: () => settings, log });
  const lenses = new SeedLensProvider(seedFile, session, context.extensionUri);
  let blocked: Awaited<ReturnType<GenerationController['blocked']>> = null;
  const checks = new ChecksCache(() => render());
  const review = new ReviewController(session, () => settings.flaggedFirst, { test: (id) => checks.fails(id), version: () => checks.version });
  const advisor = new AdvisorView(context.extensionPath, () => render());
  const refreshAdvisor = () => {
    const state = seedFile.current;
    // The recommendation is for the limit in force, the Q a run of `auto` decides on.
    const budget = session.state.budget;
    const limits = { teacherQueryBudget: limitInForce(settings.teacherQueryBudget, budget.teacher.limit), augmenterCallBudget: limitInForce(settings.augmenterCallBudget, budget.augmenter.limit) };
    advisor.refresh(state.kind === 'loaded' ? state.index.seeds : null, state.kind === 'loaded' ? `${state.uri.toString()}#${state.index.stats.lines}#${state.index.seeds.length}` : 'none', { ...settings, ...limits });
  };
  const refreshChecks = () => {
    const state = seedFile.current;
    checks.refresh(session.state, state.kind === 'loaded' ? state.index.seeds : null, state.kind === 'loaded' ? `${state.uri.toString()}#${state.index.stats.lines}#${state.index.seeds.length}` : 'none');
  };

  const snapshot = () => {
    const live = session.state;
    return buildSidebarSnapshot({
      seedFile: seedFile.current,
      session: live,
      sessionMode: session.mode,
      reserved: generation.reserved(),
      settings,
      teacher: { baseUrl: settings.baseUrl, teacherModel: settings.teacherModel, augmenterModel: settings.augmenterModel, hasApiKey, connection: generation.connection },
      run: generation.view(blocked),
      review,
      canUndo: session.canUndo,
      checks: (sampleId) => checks.get(sampleId),
      advisor: advisor.current,
    });
  };

  const selectSeedFile = async (uri?: vscode.Uri) => {
    const chosen = uri instanceof vscode.Uri ? uri : await pickSeedFile();
    if (!chosen) return;
    if (generation.running) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Stop the run before choosing another seed file.'));
      return;
    }
    const state = await seedFile.select(chosen);
    if (state.kind === 'loaded') {
      const { valid } = state.index.stats;
      log.info(`Selected ${chosen.toString()}: ${valid} valid seeds, ${state.index.errors.length} bad lines.`);
      if (valid === 0) void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no valid seed. See the Problems panel for each bad line.', chosen.path.split('/').pop() ?? ''));
    } else if (state.kind === 'failed') {
      void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith could not read {0}: {1}', chosen.fsPath, state.message));
    }
  };

  const revealLine = async (line: number) => {
    const state = seedFile.current;
    if (state.kind !== 'loaded') return;
    const editor = await vscode.window.showTextDocument(state.uri, { preview: false });
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const showSidebar = () => vscode.commands.executeCommand(`${ViewId.sidebar}.focus`);

  // A decision the person could not make is shown, never swallowed.
  const reviewAction = async (action: () => Promise<void> | void) => {
    try {
      await action();
    } catch (error) {
      void vscode.window.showErrorMessage(`SeedSmith: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const handleIntent = async (intent: Exclude<WebviewIntent, { type: 'ready' }>): Promise<void> => {
    switch (intent.type) {
      case 'selectSeedFile':
        return selectSeedFile();
      case 'revealLine':
        return revealLine(intent.line);
      case 'setApiKey':
        await vscode.commands.executeCommand(CommandId.setApiKey);
        return;
      case 'testConnection':
        return generation.testConnection();
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', intent.query);
        return;
      case 'setStrategy':
        return updateSetting('generation.strategy', intent.strategy);
      case 'generate':
        return generation.start();
      case 'stop':
        return generation.stop();
      case 'decide':
        return reviewAction(() => review.decide(intent.sampleId, intent.decision, { ...(intent.edited ? { edited: intent.edited } : {}), ...(intent.reason ? { reason: intent.reason } : {}) }));
      case 'skip':
        return review.skip(intent.sampleId);
      case 'move':
        return review.moveTo(intent.to);
      case 'undo':
        return reviewAction(() => review.undo());
      case 'setFilter':
        return review.setFilter(intent.filter, intent.strategy);
      default:
        assertNever(intent);
    }
  };

  const sidebar = new SidebarView(context.extensionUri, snapshot, handleIntent, log);

  let renderQueued = false;
  const render = () => {
    // Many events arrive together during a run; one repaint per tick is enough.
    if (renderQueued) return;
    renderQueued = true;
    queueMicrotask(() => {
      renderQueued = false;
      const totals = spendTotals(session.state, settings.pricing);
      statusBar.update({
        spent: session.state.budget.teacher.spent,
        limit: limitInForce(settings.teacherQueryBudget, session.state.budget.teacher.limit),
        reviewed: session.state.counts.accepted + session.state.counts.rejected,
        samples: session.state.counts.total,
        augmenterSpent: session.state.budget.augmenter.spent,
        augmenterLimit: limitInForce(settings.augmenterCallBudget, session.state.budget.augmenter.limit),
        promptTokens: totals.promptTokens,
        completionTokens: totals.completionTokens,
        money: totals.money,
        running: generation.running,
        estimate: chosenEstimate(),
      });
      sidebar.refresh();
      lenses.refresh();
    });
  };
  // The estimate of the strategy a run would use: the chosen one, or the recommended one for auto.
  const chosenEstimate = () => {
    const { recommendation, estimates } = advisor.current;
    const strategy = settings.strategy === 'auto' ? recommendation?.strategy : settings.strategy;
    const estimate = estimates.find((e) => e.strategy === strategy);
    return estimate ? { strategy: estimate.strategy, teacherQueries: estimate.teacherQueries, augmenterCalls: estimate.augmenterCalls } : null;
  };

  const refreshBlocked = async () => {
    refreshAdvisor();
    blocked = await generation.blocked();
    hasApiKey = await apiKeys.has();
    render();
  };

  context.subscriptions.push(
    log,
    seedFile,
    session,
    diagnostics,
    statusBar,
    sidebar,
    generation,
    review,
    lenses,
    vscode.window.registerWebviewViewProvider(ViewId.sidebar, sidebar, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.jsonl' }, lenses),
    vscode.languages.registerHoverProvider({ pattern: '**/*.jsonl' }, lenses),
    vscode.commands.registerCommand(CommandId.selectSeedFile, selectSeedFile),
    vscode.commands.registerCommand(CommandId.showSidebar, showSidebar),
    vscode.commands.registerCommand(CommandId.generate, async () => {
      await showSidebar();
      await generation.start();
    }),
    vscode.commands.registerCommand(CommandId.stop, () => generation.stop()),
    vscode.commands.registerCommand(CommandId.setApiKey, async (testKey?: unknown) => {
      // Only the extension-host tests may pass the key as an argument (they cannot type into the
      // password box); elsewhere an argument could come from keybindings.json, in plain text.
      if (context.extensionMode === vscode.ExtensionMode.Test && typeof testKey === 'string') {
        await apiKeys.store(testKey);
        return;
      }
      if (await apiKeys.prompt()) void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: API key saved in secret storage.'));
    }),
    vscode.commands.registerCommand(CommandId.clearApiKey, async () => {
      await apiKeys.clear();
      void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: API key removed.'));
    }),
    vscode.commands.registerCommand(CommandId.testConnection, () => generation.testConnection()),
    vscode.commands.registerCommand(CommandId.accept, () => reviewAction(async () => {
      const id = review.current();
      if (id) await review.decide(id, 'accept');
    })),
    vscode.commands.registerCommand(CommandId.reject, () => reviewAction(async () => {
      const id = review.current();
      if (id) await review.decide(id, 'reject');
    })),
    vscode.commands.registerCommand(CommandId.skip, () => {
      const id = review.current();
      if (id) review.skip(id);
    }),
    vscode.commands.registerCommand(CommandId.undo, () => reviewAction(() => review.undo())),
    vscode.commands.registerCommand(CommandId.showSamplesForLine, async (sampleId?: unknown) => {
      if (typeof sampleId === 'string') review.show(sampleId);
      await showSidebar();
      sidebar.focusReview();
    }),
    seedFile.onDidChange(async (state) => {
      diagnostics.update(state);
      if (state.kind !== 'loading') {
        const uri = state.kind === 'none' ? undefined : state.uri;
        if (session.dir === undefined || uri === undefined || !generation.running) await session.load(uri);
      }
      await refreshBlocked();
    }),
    session.onDidChange(() => {
      refreshChecks();
      void refreshBlocked();
    }),
    checks,
    advisor,
    vscode.commands.registerCommand(CommandId.autoReject, (given?: unknown) =>
      reviewAction(() => autoRejectFailedChecks(session, checks.all(), Array.isArray(given) ? given.filter((id): id is string => typeof id === 'string') : undefined)),
    ),
    vscode.commands.registerCommand(CommandId.exportSamples, () => {
      const state = seedFile.current;
      return exportAcceptedSamples(session.state, state.kind === 'none' ? undefined : state.uri, checks.all(), log).catch((error: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t('SeedSmith: the export failed: {0}', error instanceof Error ? error.message : String(error)));
      });
    }),
    generation.onDidChange(() => void refreshBlocked()),
    review.onDidChange(render),
    apiKeys.onDidChange(() => void refreshBlocked()),
    onDidChangeSettings((next) => {
      settings = next;
      void refreshBlocked();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refreshBlocked()),
  );

  void refreshBlocked();
  void seedFile.restore();

  return {
    statusBarText: () => statusBar.text,
    statusBarIsWarning: () => statusBar.isWarning,
    sidebarSnapshot: snapshot,
    sidebarHtml: () => sidebar.html,
    sidebarReady: () => sidebar.isReady,
    lastPostedSnapshot: () => sidebar.lastSnapshot,
    sessionDir: () => session.dir,
    logUri: () => context.logUri,
    runGeneration: () => generation.start(),
    lensTitles: (uri: vscode.Uri) => lenses.titlesFor(uri),
    hoverText: (uri: vscode.Uri, line: number) => lenses.hoverText(uri, line),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; the session lock is released there.
}
