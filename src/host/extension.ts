// Entry point: wires the seed file, its session, generation, review, the sidebar, the Problems
// panel and the status bar together. It only wires: state lives in the controllers, decisions in
// src/hostLogic and core, and the views only render them.
import * as vscode from 'vscode';
import { limitForNextRun } from '../core/budget/limit.ts';
import { buildSidebarSnapshot } from '../hostLogic/sidebarSnapshot.ts';
import { statusView } from '../hostLogic/statusView.ts';
import type { SeedSmithApi } from './api.ts';
import { AdvisorView } from './advisor/advisorView.ts';
import { ChecksCache } from './checks/checksCache.ts';
import { AnswerSetup } from './profile/answerSetup.ts';
import { registerCommands } from './commands.ts';
import { BatchController } from './generation/batchController.ts';
import { GenerationController } from './generation/generationController.ts';
import { ViewId } from './ids.ts';
import { intentRouter } from './intentRouter.ts';
import { LanguageModelList } from './languageModels/lmModelList.ts';
import { RenderLoop } from './renderLoop.ts';
import { ReviewController } from './review/reviewController.ts';
import { SectionsState } from './sectionsState.ts';
import { ApiKeyStore } from './secrets.ts';
import { SeedDiagnostics } from './seedDiagnostics.ts';
import { SeedFileController } from './seedFileController.ts';
import { SeedLensProvider } from './seedLens.ts';
import { reviewKeys, warmUpReviewKeys } from './review/reviewKeys.ts';
import { holderFix, holderNotice } from './session/holderNotice.ts';
import { SessionController } from './session/sessionController.ts';
import { onDidChangeSettings, readSettings, type Settings } from './settings.ts';
import { SidebarView } from './sidebarView.ts';
import { SpendStatusBar } from './statusBar.ts';

/** Between polls of a batch in progress: batches take minutes to hours; an extension-host test sets it short. */
const BATCH_POLL_MS = Number(process.env['SEEDSMITH_BATCH_POLL_MS'] ?? '') || 30_000;

export function activate(context: vscode.ExtensionContext): SeedSmithApi {
  const log = vscode.window.createOutputChannel('SeedSmith', { log: true });
  const seedFile = new SeedFileController(context.workspaceState, context.storageUri);
  // The session keeps its lock when another window asks for it while this one generates.
  const session = new SessionController((): boolean => generation.running || batchRuns.running);
  const apiKeys = new ApiKeyStore(context.secrets);
  const diagnostics = new SeedDiagnostics();
  const statusBar = new SpendStatusBar();
  let settings = readSettings();
  let hasApiKey = false;
  const generation = new GenerationController({ seedFile, session, apiKeys, settings: () => settings, log });
  const batchRuns = new BatchController({ seedFile, session, apiKeys, settings: () => settings, log, generation, pollMs: BATCH_POLL_MS });
  const lenses = new SeedLensProvider(seedFile, session, context.extensionUri);
  const languageModels = new LanguageModelList();
  let blocked: Awaited<ReturnType<GenerationController['blocked']>> = null;
  let batchBlocked: Awaited<ReturnType<GenerationController['blocked']>> = null;
  const renderLoop = new RenderLoop(() => {
    statusBar.update(statusView({ session: session.state, settings, running: generation.running, advisor: advisor.current }));
    sidebar.refresh();
    lenses.refresh();
  });
  const render = renderLoop.request;
  const sections = new SectionsState(context.workspaceState, render);
  const checks = new ChecksCache(context.extensionPath, render);
  const answers = new AnswerSetup(seedFile, () => settings.promptOverridesFile);
  const review = new ReviewController(session, () => settings.flaggedFirst, { test: (id) => checks.fails(id), version: () => checks.version });
  const advisor = new AdvisorView(context.extensionPath, render);
  const seedVersion = () => {
    const state = seedFile.current;
    return state.kind === 'loaded' ? `${state.uri.toString()}#${state.index.stats.lines}#${state.index.seeds.length}` : 'none';
  };
  const loadedSeeds = () => {
    const state = seedFile.current;
    return state.kind === 'loaded' ? state.index.seeds : null;
  };
  const refreshAdvisor = () => {
    // The recommendation is for the limit in force, the Q a run of `auto` decides on.
    const budget = session.state.budget;
    const limits = { teacherLimit: limitForNextRun(settings.teacherLimit, budget.teacher.limit), augmenterLimit: limitForNextRun(settings.augmenterLimit, budget.augmenter.limit) };
    advisor.refresh(loadedSeeds(), seedVersion(), { ...settings, ...limits });
  };
  const refreshChecks = () => checks.refresh(session.state, loadedSeeds(), seedVersion(), answers.current.checks);

  const snapshot = () =>
    buildSidebarSnapshot({
      seedFile: seedFile.current,
      displayPath: (uri) => vscode.workspace.asRelativePath(uri instanceof vscode.Uri ? uri : uri.toString(), true),
      workspaceTrusted: vscode.workspace.isTrusted,
      session: session.state,
      readOnly: holderNotice(session.mode, 'decisions'),
      readOnlyFix: holderFix(session.mode),
      keys: reviewKeys(),
      reserved: generation.reserved(),
      settings,
      teacher: {
        baseUrl: settings.baseUrl,
        teacherModel: settings.teacherModel,
        augmenterModel: settings.augmenterModel,
        hasApiKey,
        connection: generation.connection,
        languageModels: languageModels.view(),
        ensembleCandidates: ensembleCandidates(languageModels.view()?.models.map((m) => m.id) ?? generation.listedModels, settings),
        ensemble: settings.ensemble,
      },
      run: generation.view(blocked),
      batch: batchRuns.view(batchBlocked === null),
      review,
      canUndo: session.canUndo,
      checks: (sampleId) => checks.get(sampleId),
      answers: answers.current.view,
      advisor: advisor.current,
      sections: sections.choices(hasApiKey && settings.teacherModel !== ''),
    });

  const sidebar = new SidebarView(context.extensionUri, snapshot, intentRouter({ seedFile, generation, batchRuns, review, sections, log, keysLive: (live) => sidebar.keysLive(live) }), log);

  const refreshBlocked = async () => {
    refreshAdvisor();
    // One look at seedsmith.jsonc for every question below.
    const chosen = await generation.provider();
    blocked = await generation.blocked(false, chosen);
    batchBlocked = await generation.blocked(true, chosen);
    hasApiKey = await generation.hasKey(chosen);
    languageModels.setActive(chosen.ok && chosen.kind === 'vscode');
    render();
    // Off the UI path: whether to offer "Run as batch", and the batches a closed editor left in flight.
    void batchRuns.probe();
    void batchRuns.resume();
  };

  context.subscriptions.push(
    log,
    seedFile,
    session,
    diagnostics,
    statusBar,
    sidebar,
    generation,
    batchRuns,
    review,
    lenses,
    languageModels,
    languageModels.onDidChange(render),
    vscode.window.registerWebviewViewProvider(ViewId.sidebar, sidebar, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.jsonl' }, lenses),
    vscode.languages.registerHoverProvider({ pattern: '**/*.jsonl' }, lenses),
    ...registerCommands({ extensionMode: context.extensionMode, seedFile, session, generation, review, currentChecks: () => checks.now(session.state, loadedSeeds(), seedVersion(), answers.current.checks), apiKeys, sidebar, log }),
    seedFile.onDidChange(async (state) => {
      diagnostics.update(state);
      if (state.kind !== 'loading') {
        const uri = state.kind === 'none' ? undefined : state.uri;
        if (session.dir === undefined || uri === undefined || !generation.running && !batchRuns.running) await session.load(uri);
      }
      await answers.refresh();
      await refreshBlocked();
    }),
    answers,
    answers.onDidChange(() => {
      refreshChecks();
      render();
    }),
    session.onDidChange(() => {
      refreshChecks();
      void refreshBlocked();
    }),
    checks,
    advisor,
    generation.onDidChange(() => void refreshBlocked()),
    // While a batch run goes, each poll only redraws; when it ends, what may start next is asked again (the spend changed).
    batchRuns.onDidChange(() => (batchRuns.running ? render() : void refreshBlocked())),
    review.onDidChange(render),
    apiKeys.onDidChange(() => void refreshBlocked()),
    // VS Code's language models come and go with the extensions that provide them.
    vscode.lm.onDidChangeChatModels(() => void refreshBlocked()),
    onDidChangeSettings((next) => {
      settings = next;
      void answers.refresh();
      void refreshBlocked();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refreshBlocked()),
  );

  void refreshBlocked();
  void seedFile.restore();
  void warmUpReviewKeys(log);

  return {
    statusBarText: () => statusBar.text,
    statusBarIsWarning: () => statusBar.isWarning,
    sidebarSnapshot: snapshot,
    sidebarHtml: () => sidebar.html,
    sidebarReady: () => sidebar.isReady,
    lastPostedSnapshot: () => sidebar.lastSnapshot,
    sessionDir: () => session.dir,
    seedFileChoiceLocation: () => seedFile.choiceLocation,
    logUri: () => context.logUri,
    runGeneration: () => generation.start(),
    runBatch: () => batchRuns.start(),
    cancelBatch: () => batchRuns.cancel(),
    lensTitles: (uri: vscode.Uri) => lenses.titlesFor(uri),
    hoverText: (uri: vscode.Uri, line: number) => lenses.hoverText(uri, line),
  };
}

/** What an ensemble can be picked from: the models listed, then the ones set that the listing lacks. */
function ensembleCandidates(listed: readonly string[], settings: Settings): string[] {
  const set = [...settings.ensemble.map((t) => t.model), settings.teacherModel].filter((m) => m !== '');
  return [...new Set([...listed, ...set])];
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; the session lock is released there.
}
