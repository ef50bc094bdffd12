// Runs generation from the editor: asks whether a run can start (src/hostLogic/runBlock.ts),
// builds the client with the key from SecretStorage, drives the core engine with a cancellable
// notification, and keeps a progress view for the sidebar and the status bar.
import * as vscode from 'vscode';
import { GenerationRun } from '../../core/engine/runGeneration.ts';
import { batchesInFlight } from '../../core/journal/batchState.ts';
import { readProjectPrompts } from '../../node/projectFile.ts';
import { interruptedRun } from '../../hostLogic/interruptedRun.ts';
import { runBlock } from '../../hostLogic/runBlock.ts';
import type { RunView } from '../../shared/protocol.ts';
import { createProviderClient, PauseCountdown, testConnection } from '../../teacher/index.ts';
import { describeEndpoint } from '../../teacher/endpoint.ts';
import { projectFileFor } from '../profile/projectFileFor.ts';
import type { ApiKeyStore, KeyTarget } from '../secrets.ts';
import type { SeedFileController } from '../seedFileController.ts';
import { holderFix, holderNotice } from '../session/holderNotice.ts';
import type { SessionController } from '../session/sessionController.ts';
import { runTeachers, type Settings } from '../settings.ts';
import { runPlanFromSettings, settingLimits } from './runPlanFromSettings.ts';
import { createLmChatClient } from '../languageModels/lmChatClient.ts';
import { languageModelsConnection, VSCODE_LM_ENDPOINT } from '../languageModels/lmConnection.ts';
import { hostProvider } from './hostProvider.ts';
import type { HostProvider } from './hostProvider.ts';
import { runProfile } from './runProfile.ts';
import { blockedView, describeEnd, describeInterrupted, fixFor, type Blocked } from './runWords.ts';

export interface GenerationDepsForHost {
  readonly seedFile: SeedFileController;
  readonly session: SessionController;
  readonly apiKeys: ApiKeyStore;
  readonly settings: () => Settings;
  readonly log: vscode.LogOutputChannel;
}

export class GenerationController implements vscode.Disposable {
  private run: GenerationRun | undefined;
  private stateNow: RunView['state'] = 'idle';
  private progressNow: RunView['progress'] = null;
  private lastNow: RunView['last'] = null;
  /** The session `lastNow` is about: news of another seed file's run is not shown for this one. */
  private lastDir: string | undefined;
  private connectionNow: { state: 'unknown' | 'testing' | 'ok' | 'failed'; message: string } = { state: 'unknown', message: '' };
  /** The model ids the last Test connection listed (an HTTP endpoint's): what an ensemble can be picked from. */
  private listedNow: readonly string[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly deps: GenerationDepsForHost;

  constructor(deps: GenerationDepsForHost) {
    this.deps = deps;
  }

  get connection() {
    return this.connectionNow;
  }

  get listedModels(): readonly string[] {
    return this.listedNow;
  }

  private ledgerOfRun: { snapshot(): { teacher: { reserved: number }; augmenter: { reserved: number } } } | undefined;

  /** Requests in flight right now (reserved, not yet settled). */
  reserved(): { teacher: number; augmenter: number } {
    const snapshot = this.ledgerOfRun?.snapshot();
    return { teacher: snapshot?.teacher.reserved ?? 0, augmenter: snapshot?.augmenter.reserved ?? 0 };
  }

  get running(): boolean {
    return this.stateNow !== 'idle';
  }

  /**
   * Why a run cannot start now, with the one action that fixes it; null when it can. `forBatch`:
   * for a batch run, which settles the batches in flight first instead of being held up by them.
   */
  /** `chosen`: the provider already resolved for this refresh (seedsmith.jsonc is then read once, not per question). */
  async blocked(forBatch = false, chosen?: HostProvider): Promise<Blocked | null> {
    const seedFile = this.deps.seedFile.current;
    const settings = this.deps.settings();
    const budget = this.deps.session.state.budget;
    chosen ??= await this.provider();
    if (!chosen.ok && vscode.workspace.isTrusted) return { message: vscode.l10n.t('The teacher provider cannot be used: {0}', chosen.message), fix: providerFix };
    const block = runBlock({
      workspaceTrusted: vscode.workspace.isTrusted,
      seedFile: seedFile.kind === 'loaded' ? { kind: 'loaded', validSeeds: seedFile.index.seeds.length, badLines: seedFile.index.errors.length, onThisComputer: seedFile.uri.scheme === 'file' } : { kind: seedFile.kind },
      teacherModel: settings.teacherModel,
      hasApiKey: await this.keyPresent(chosen),
      readOnly: this.deps.session.mode.kind === 'read-only',
      limits: settingLimits(settings),
      session: budget,
    });
    // Who holds the session is the session's to say: a command, or a window that can be asked to let go.
    const mode = this.deps.session.mode;
    if (block?.kind === 'read-only') return { message: holderNotice(mode, 'generation') ?? '', fix: holderFix(mode) };
    if (block) return blockedView(block, settings, chosen.ok && chosen.kind === 'http' ? chosen.target.label : undefined);
    // Sent online, the requests of a batch still out would be bought twice (the CLI refuses the same way).
    const inFlight = batchesInFlight(this.deps.session.state.batches).length;
    return inFlight > 0 && !forBatch ? { message: vscode.l10n.t('{0} batch(es) of this session are still in flight at the provider; they are settled before anything more is sent.', inFlight), fix: null } : null;
  }

  /** The provider a run would use now (seedsmith.jsonc's, else the settings'). */
  async provider(): Promise<HostProvider> {
    const seedFile = this.deps.seedFile.current;
    const settings = this.deps.settings();
    const projectFile = seedFile.kind === 'loaded' ? projectFileFor(seedFile.uri, settings.promptOverridesFile) : undefined;
    return hostProvider(settings, projectFile);
  }

  /** The secret Set / Clear API Key act on: the current provider's endpoint, or undefined when the provider cannot be resolved. */
  async keyTarget(): Promise<KeyTarget | undefined> {
    const chosen = await this.provider();
    return chosen.ok && chosen.kind === 'http' ? chosen.target : undefined;
  }

  /** Whether the current provider has its key, or needs none. */
  async hasKey(chosen?: HostProvider): Promise<boolean> {
    return this.keyPresent(chosen ?? (await this.provider()));
  }

  private async keyPresent(chosen: HostProvider): Promise<boolean> {
    if (!chosen.ok) return false;
    if (chosen.kind === 'vscode') return true;
    return !chosen.provider.preset.keyRequired || (await this.deps.apiKeys.has(chosen.target));
  }

  view(blocked: Blocked | null): Omit<RunView, 'batch'> {
    return { state: this.stateNow, blocked: this.running ? null : blocked, progress: this.progressNow, last: (this.lastDir === this.deps.session.dir ? this.lastNow : null) ?? this.cutShort() };
  }

  /** After a reload, how the run this window was making ended: the journal knows its start and no end. */
  private cutShort(): RunView['last'] {
    const run = interruptedRun(this.deps.session.state, { runningHere: this.running, writtenElsewhere: this.deps.session.mode.kind === 'read-only' });
    return run ? { reason: 'cancelled', message: describeInterrupted(run), fix: null } : null;
  }

  async testConnection(): Promise<void> {
    const settings = this.deps.settings();
    const chosen = await this.provider();
    if (!chosen.ok) {
      this.connectionNow = { state: 'failed', message: chosen.message };
      this.changed.fire();
      return;
    }
    if (chosen.kind === 'vscode') {
      this.connectionNow = await languageModelsConnection(wantedModels(settings));
      this.deps.log.info(`Test connection to VS Code's language models: ${this.connectionNow.state}`);
      this.changed.fire();
      return;
    }
    const apiKey = await this.deps.apiKeys.get(chosen.target);
    if (apiKey === undefined && chosen.provider.preset.keyRequired) {
      this.connectionNow = { state: 'failed', message: vscode.l10n.t('No API key set for {0}.', chosen.target.label) };
      this.changed.fire();
      return;
    }
    this.connectionNow = { state: 'testing', message: vscode.l10n.t('Testing {0}…', chosen.target.label) };
    this.changed.fire();
    const report = await testConnection({ provider: chosen.provider, apiKey: apiKey ?? '', wanted: wantedModels(settings) });
    this.connectionNow = { state: report.state, message: report.message };
    this.listedNow = report.models ?? [];
    this.deps.log.info(`Test connection to ${chosen.target.label}: ${this.connectionNow.state}`);
    this.changed.fire();
  }

  /** Starts a run; resolves when it has ended. Problems end up in the view, not as exceptions. */
  async start(): Promise<void> {
    if (this.running) return;
    const blocked = await this.blocked();
    if (blocked) {
      this.lastDir = this.deps.session.dir;
      this.lastNow = { reason: 'failed', message: blocked.message, fix: blocked.fix };
      this.changed.fire();
      return;
    }
    const seedFile = this.deps.seedFile.current;
    if (seedFile.kind !== 'loaded') return;
    const settings = this.deps.settings();
    const chosen = await this.provider();
    if (!chosen.ok) return;
    // Only this endpoint's own key: never one stored for another provider or URL.
    const apiKey = chosen.kind === 'http' ? ((await this.deps.apiKeys.get(chosen.target)) ?? '') : '';
    let session;
    try {
      session = await this.deps.session.writable();
    } catch (error) {
      this.lastDir = this.deps.session.dir;
      this.lastNow = { reason: 'failed', message: error instanceof Error ? error.message : String(error), fix: null };
      this.changed.fire();
      return;
    }
    const projectFile = projectFileFor(seedFile.uri, settings.promptOverridesFile);
    const prompts = await readProjectPrompts(projectFile);
    if (prompts.errors.length > 0) {
      const where = prompts.file ?? settings.promptOverridesFile;
      this.lastDir = this.deps.session.dir;
      this.lastNow = { reason: 'failed', message: vscode.l10n.t('The prompt overrides cannot be used, so nothing was sent: {0}', prompts.errors.map((e) => `${where}:${e.line}:${e.column}: ${e.message}`).join(' ')), fix: { label: vscode.l10n.t('Prompt Settings'), intent: { type: 'openSettings', query: 'seedsmith.prompts' } } };
      this.changed.fire();
      return;
    }
    if (prompts.file) this.deps.log.info(`Prompt overrides from ${prompts.file}: ${prompts.overridden.join(', ') || 'none'}.`);
    const profile = await runProfile(seedFile.index.seeds, projectFile);
    this.deps.log.info(`Answers asked for as ${profile.kind} (${Math.round(profile.share * 100)} % of the seeds).`);
    const endpoint = chosen.kind === 'http' ? describeEndpoint(chosen.provider.baseUrl) : VSCODE_LM_ENDPOINT;
    this.deps.log.info(`Teacher provider: ${chosen.kind === 'http' ? chosen.target.label : 'VS Code language models'} (from ${chosen.source}).`);
    // While new requests wait (for the rate limit, or for an endpoint that is down), the run section counts down to when they resume.
    const countdown = new PauseCountdown(() => update());
    const client = chosen.kind === 'vscode' ? createLmChatClient(vscode.l10n.t('SeedSmith generates training data from your seed file with this model.')) : createProviderClient({
      provider: chosen.provider,
      apiKey,
      timeoutMs: settings.timeoutMs,
      maxRetries: 2,
      maxConcurrency: settings.concurrency,
      onEvent: (event) => countdown.onEvent(event),
    });
    // A teacher ensemble (seedsmith.teacher.ensemble): its teacher queries split by weight.
    const teachers = runTeachers(settings);
    const run = new GenerationRun(
      {
        ...runPlanFromSettings(settings, { fsPath: seedFile.uri.fsPath, seeds: seedFile.index.seeds }, endpoint, prompts.prompts, profile),
        ...(teachers !== undefined ? { teachers } : {}),
        concurrency: settings.concurrency,
      },
      { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
    );
    this.run = run;
    this.ledgerOfRun = session.ledger;
    this.stateNow = 'running';
    this.lastNow = null;
    const startedAt = Date.now();
    let planned = 0;
    let samplesAdded = 0;
    const update = () => {
      const spent = session.ledger.snapshot().teacher;
      const elapsed = Math.max(0.001, (Date.now() - startedAt) / 1000);
      const seconds = countdown.secondsLeft();
      const note =
        seconds === null
          ? null
          : countdown.waitingFor === 'unavailable'
            ? vscode.l10n.t('the endpoint is unavailable, trying again in {0} s', seconds)
            : vscode.l10n.t('waiting for the rate limit, resumes in {0} s', seconds);
      this.progressNow = { samplesAdded, teacherSpent: spent.spent, teacherPlanned: planned, ratePerSecond: samplesAdded / elapsed, note };
      this.changed.fire();
    };
    run.events.on('run-started', ({ plan }) => {
      planned = session.ledger.snapshot().teacher.spent + plan.teacherQueries;
      this.deps.log.info(`Run started: ${plan.reason}`);
      update();
    });
    run.events.on('sample-added', () => {
      samplesAdded++;
      update();
    });
    run.events.on('spend-changed', update);
    run.events.on('retry', ({ role, status, reason }) => this.deps.log.debug(`${role} request refused (${status ?? 'no status'}: ${reason}); released, not spent.`));
    run.events.on('unit-failed', ({ message }) => this.deps.log.warn(`A work unit failed after retries: ${message}`));
    update();

    const finished = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('SeedSmith: generating'), cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => this.stop());
        const tick = run.events.on('sample-added', () => progress.report({ message: vscode.l10n.t('{0} samples · {1} / {2} teacher queries', samplesAdded, session.ledger.snapshot().teacher.spent, planned) }));
        try {
          return await run.start();
        } finally {
          tick.dispose();
        }
      },
    );
    countdown.stop();
    this.run = undefined;
    this.ledgerOfRun = undefined;
    this.stateNow = 'idle';
    this.lastDir = this.deps.session.dir;
    this.lastNow = { reason: finished.reason, message: describeEnd(finished.reason, finished.samplesAdded, finished.message), fix: fixFor(finished.reason, finished.message) };
    this.deps.log.info(`Run ${finished.runId} ended (${finished.reason}): ${finished.samplesAdded} samples, teacher ${finished.ledger.teacher.spent}/${finished.ledger.teacher.limit}.`);
    this.changed.fire();
    if (finished.reason === 'failed') void vscode.window.showErrorMessage(`SeedSmith: ${this.lastNow.message}`);
  }

  stop(): void {
    if (!this.run) return;
    this.stateNow = 'stopping';
    this.run.cancel();
    this.changed.fire();
  }

  dispose(): void {
    this.run?.cancel();
    this.changed.dispose();
  }
}

const providerFix: Blocked['fix'] = { label: vscode.l10n.t('Provider Settings'), intent: { type: 'openSettings', query: 'seedsmith.teacher' } };

/** The models Test connection looks for: the teacher (or every teacher of the ensemble) and the augmenter. */
function wantedModels(settings: Settings): string[] {
  return [...(runTeachers(settings)?.map((t) => t.model) ?? [settings.teacherModel]), settings.augmenterModel];
}
