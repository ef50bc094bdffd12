// Batch runs from the editor: offers "Run as batch" when the endpoint answers a probe of its batch
// routes (once per endpoint, off the UI path), runs the core batch runner through BatchSession,
// shows each batch's progress in the run section, announces each batch that ends, cancels at the
// provider on request, and on start settles the batches a closed editor left in flight.
import * as vscode from 'vscode';
import type { BatchRunConfig } from '../../core/batch/batchPlan.ts';
import { runPlanFromSettings } from './runPlanFromSettings.ts';
import type { BatchSettledEvent } from '../../core/journal/batchEvents.ts';
import { batchesInFlight } from '../../core/journal/batchState.ts';
import type { Seed } from '../../core/seeds/types.ts';
import { readProjectPrompts } from '../../node/projectFile.ts';
import { batchEndedMessage } from '../../hostLogic/batchRunView.ts';
import type { BatchRunInputs } from '../../hostLogic/sidebarSnapshot.ts';
import { createBatchClient } from '../../teacher/batchClient.ts';
import { probeBatchRoutes } from '../../teacher/batchProbe.ts';
import { describeEndpoint } from '../../teacher/endpoint.ts';
import type { ApiKeyStore } from '../secrets.ts';
import type { SeedFileController } from '../seedFileController.ts';
import type { SessionController } from '../session/sessionController.ts';
import { runTeachers, type Settings } from '../settings.ts';
import { BatchSession } from './batchSession.ts';
import type { GenerationController } from './generationController.ts';
import { projectFileFor } from '../profile/projectFileFor.ts';
import { runProfile } from './runProfile.ts';

export interface BatchDepsForHost {
  readonly seedFile: SeedFileController;
  readonly session: SessionController;
  readonly apiKeys: ApiKeyStore;
  readonly settings: () => Settings;
  readonly log: vscode.LogOutputChannel;
  readonly generation: GenerationController;
  /** Between polls of a batch in progress (the provider's batches take minutes to hours). */
  readonly pollMs: number;
}

const noBatchEndpoint = () => vscode.l10n.t('Batches go to an OpenAI-compatible endpoint: the teacher provider chosen has none.');

export class BatchController implements vscode.Disposable {
  /** Per endpoint: whether its batch routes answered (absent: not probed yet; null: probing). */
  private readonly probes = new Map<string, boolean | null>();
  private current: BatchSession | undefined;
  private lastNow: string | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly deps: BatchDepsForHost;

  constructor(deps: BatchDepsForHost) {
    this.deps = deps;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** A start or a resume is under way (set before its first await, so a second one cannot slip in). */
  private busy = false;
  /** Sessions (and endpoints) whose batches in flight were already resumed once in this window: a failed resume is not retried in a loop. */
  private readonly resumed = new Set<string>();

  /** What the run section shows of batch runs (the snapshot adds the lines from the session's journal). `startable`: nothing blocks a batch run. */
  view(startable: boolean): BatchRunInputs {
    return {
      offered: startable && this.shownUrl !== undefined && this.probes.get(this.shownUrl) === true,
      state: this.current === undefined ? 'idle' : this.current.cancelling ? 'cancelling' : 'running',
      last: this.lastNow,
      polls: this.current?.polls ?? new Map(),
    };
  }

  /**
   * Where a batch goes: the run's own HTTP provider, and the key kept for that endpoint (a key
   * only ever goes to its own URL). Azure and VS Code's models are not offered batches here.
   */
  private async endpoint(): Promise<{ baseUrl: string; apiKey: string | undefined } | undefined> {
    const chosen = await this.deps.generation.provider();
    if (!chosen.ok || chosen.kind !== 'http' || chosen.provider.azure !== null) return undefined;
    return { baseUrl: chosen.provider.baseUrl, apiKey: await this.deps.apiKeys.get(chosen.target) };
  }

  /** The endpoint the last probe was asked about (what the view offers batches for). */
  private shownUrl: string | undefined;

  /** Probes the endpoint's batch routes once (in a trusted workspace with a key set); the view changes when it answers. */
  async probe(): Promise<void> {
    const { timeoutMs } = this.deps.settings();
    if (!vscode.workspace.isTrusted) return;
    const target = await this.endpoint();
    this.shownUrl = target?.baseUrl;
    if (target === undefined) return;
    const { baseUrl, apiKey } = target;
    if (apiKey === undefined || this.probes.has(baseUrl)) return;
    this.probes.set(baseUrl, null);
    const answered = await probeBatchRoutes({ baseURL: baseUrl, apiKey, timeoutMs: Math.min(timeoutMs, 10_000) });
    this.probes.set(baseUrl, answered);
    this.deps.log.info(`Batch routes of ${describeEndpoint(baseUrl)}: ${answered ? 'available' : 'not available'}.`);
    this.changed.fire();
  }

  /** Starts a batch run; resolves when it has ended. Problems end up in the view, not as exceptions. */
  async start(): Promise<void> {
    if (this.busy || this.deps.generation.running) return;
    this.busy = true;
    try {
      await this.startRun();
    } finally {
      this.busy = false;
    }
  }

  private async startRun(): Promise<void> {
    const blocked = await this.deps.generation.blocked(true);
    if (blocked) return this.ended(blocked.message);
    const seedFile = this.deps.seedFile.current;
    if (seedFile.kind !== 'loaded') return;
    const settings = this.deps.settings();
    // As in the CLI: an ensemble's split is made request by request, so a batch takes one teacher.
    if (runTeachers(settings) !== undefined) return this.ended(vscode.l10n.t('A teacher ensemble runs online only: use Generate, or name one teacher (seedsmith.teacher.ensemble) to run as a batch.'));
    const projectFile = projectFileFor(seedFile.uri, settings.promptOverridesFile);
    const prompts = await readProjectPrompts(projectFile);
    if (prompts.errors.length > 0) return this.ended(vscode.l10n.t('The prompt overrides cannot be used, so nothing was sent: {0}', prompts.errors.map((e) => `${prompts.file ?? settings.promptOverridesFile}:${e.line}:${e.column}: ${e.message}`).join(' ')));
    const profile = await runProfile(seedFile.index.seeds, projectFile);
    const target = await this.endpoint();
    if (target === undefined) return this.ended(noBatchEndpoint());
    const endpoint = describeEndpoint(target.baseUrl);
    const config: BatchRunConfig = {
      ...runPlanFromSettings(settings, { fsPath: seedFile.uri.fsPath, seeds: seedFile.index.seeds }, endpoint, prompts.prompts, profile),
      engine: 'openai',
      recorded: { answerKind: null, promptsFile: projectFile ?? null },
    };
    await this.drive('openai', async (batch) => {
      const finished = await batch.run(config);
      this.deps.log.info(`Batch run ${finished.runId} ended (${finished.reason}): ${finished.batches} batches, ${finished.samplesAdded} samples.`);
      const how = { done: vscode.l10n.t('Batch run done'), budget: vscode.l10n.t('Batch run stopped: the budget is spent'), cancelled: vscode.l10n.t('Batch run cancelled (lines not run are released)'), failed: vscode.l10n.t('Batch run failed: {0}', finished.message ?? '') }[finished.reason];
      return vscode.l10n.t('{0}: {1} batches, {2} new samples to review.', how, finished.batches, finished.samplesAdded);
    });
  }

  /**
   * Settles the batches a closed editor or a killed CLI left in flight on this session: only in a
   * trusted workspace, with a key set, the seeds loaded and the session writable here. Never awaited
   * by activation.
   */
  async resume(): Promise<void> {
    if (this.busy || this.deps.generation.running || !vscode.workspace.isTrusted) return;
    const out = batchesInFlight(this.deps.session.state.batches);
    const engine = out.find((b) => b.engine !== 'offline')?.engine;
    if (engine === undefined || engine === 'offline') return;
    const seedFile = this.deps.seedFile.current;
    if (seedFile.kind !== 'loaded' || this.deps.session.mode.kind === 'read-only') return;
    // Set before the first await, so a second resume cannot slip in.
    this.busy = true;
    try {
      const target = await this.endpoint();
      const key = `${this.deps.session.dir ?? ''}\n${target?.baseUrl ?? ''}`;
      if (this.resumed.has(key) || target?.apiKey === undefined) return;
      this.resumed.add(key);
      await this.resumeRun(engine, seedFile.index.seeds, seedFile.uri, out.length);
    } finally {
      this.busy = false;
    }
  }

  private async resumeRun(engine: 'openai' | 'azure', seeds: readonly Seed[], seedUri: vscode.Uri, count: number): Promise<void> {
    const settings = this.deps.settings();
    const projectFile = projectFileFor(seedUri, settings.promptOverridesFile);
    const prompts = await readProjectPrompts(projectFile);
    const profile = await runProfile(seeds, projectFile);
    this.deps.log.info(`Resuming ${count} batch(es) left in flight on this session.`);
    await this.drive(engine, async (batch) => {
      const settled = await batch.resume({ seeds, ...(prompts.errors.length === 0 ? { prompts: prompts.prompts } : {}), profile });
      return vscode.l10n.t('{0} batches left in flight were settled.', settled.length);
    });
  }

  /** Cancels the batches in flight at the provider (the CLI's second Ctrl-C). */
  async cancel(): Promise<void> {
    const batch = this.current;
    if (!batch || batch.cancelling) return;
    const asked = await batch.cancel();
    this.deps.log.info(`Asked the provider to cancel ${asked} batch(es).`);
  }

  dispose(): void {
    this.current?.dispose();
    this.changed.dispose();
  }

  private async drive(kind: 'openai' | 'azure', work: (batch: BatchSession) => Promise<string>): Promise<void> {
    const settings = this.deps.settings();
    const target = await this.endpoint();
    if (target === undefined) return this.ended(noBatchEndpoint());
    const apiKey = target.apiKey ?? '';
    let batch: BatchSession;
    try {
      const session = await this.deps.session.writable();
      batch = new BatchSession({
        journal: session.journal,
        engine: createBatchClient({ baseURL: target.baseUrl, apiKey, kind, timeoutMs: settings.timeoutMs, maxRetries: 2 }),
        pollMs: this.deps.pollMs,
        onChange: () => this.changed.fire(),
        onSettled: (settled) => this.announce(settled),
        onCancelError: (batchId, error) => this.deps.log.warn(`Could not cancel ${batchId}: ${error instanceof Error ? error.message : String(error)}`),
      });
    } catch (error) {
      return this.ended(error instanceof Error ? error.message : String(error));
    }
    this.current = batch;
    this.lastNow = null;
    this.changed.fire();
    let message: string;
    try {
      message = await work(batch);
    } catch (error) {
      message = vscode.l10n.t('Batch run stopped: {0}. The batches in flight are kept in the session.', error instanceof Error ? error.message : String(error));
      this.deps.log.warn(message);
    } finally {
      this.current = undefined;
    }
    this.ended(message);
  }

  private ended(message: string): void {
    this.lastNow = message;
    this.changed.fire();
  }

  /** A batch ended while the editor is open: say so, whatever the person is looking at. */
  private announce(settled: BatchSettledEvent): void {
    const text = `SeedSmith: ${batchEndedMessage(settled)}`;
    this.deps.log.info(text);
    if (settled.status === 'failed') void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
  }
}
