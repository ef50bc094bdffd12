// The selected seed file's answer kind as the editor uses it: the profile with the person's
// choice (project file, setting, or detected), the words the sidebar shows for it, and what the
// review card's checks need (the profile, the SQL database). Recomputed when the seed file, the
// settings or a project file change.
import * as vscode from 'vscode';
import type { AnswerProfile } from '../../core/profile/index.ts';
import { answersView, chooseAnswerKind } from '../../hostLogic/answerKindChoice.ts';
import type { AnswersView } from '../../shared/protocol.ts';
import { NO_SETUP, type ChecksSetup } from '../checks/checksJob.ts';
import type { SeedFileController } from '../seedFileController.ts';
import { readAnswerSettings } from './answerKindInputs.ts';
import { projectFileFor } from './projectFileFor.ts';

export interface AnswerSetupState {
  readonly profile: AnswerProfile | null;
  readonly view: AnswersView | null;
  readonly checks: ChecksSetup;
}

const NONE: AnswerSetupState = { profile: null, view: null, checks: NO_SETUP };

export class AnswerSetup implements vscode.Disposable {
  private state: AnswerSetupState = NONE;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly subscriptions: vscode.Disposable[];
  /** A later refresh supersedes one still reading the project file. */
  private generation = 0;
  private readonly seedFile: SeedFileController;
  private readonly overridesFile: () => string;

  constructor(seedFile: SeedFileController, overridesFile: () => string) {
    this.seedFile = seedFile;
    this.overridesFile = overridesFile;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*.jsonc');
    const refresh = () => void this.refresh();
    this.subscriptions = [this.watcher, this.watcher.onDidChange(refresh), this.watcher.onDidCreate(refresh), this.watcher.onDidDelete(refresh)];
  }

  get current(): AnswerSetupState {
    return this.state;
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const file = this.seedFile.current;
    if (file.kind !== 'loaded') return this.set(generation, NONE);
    const settings = await readAnswerSettings(projectFileFor(file.uri, this.overridesFile()));
    const detected = file.answers.finish();
    const profile = file.answers.finish({ kind: chooseAnswerKind(settings).kind });
    this.set(generation, {
      profile,
      view: detected.seeds === 0 ? null : answersView(profile, detected.kind, settings),
      checks: { profile, sql: settings.sql },
    });
  }

  private set(generation: number, state: AnswerSetupState): void {
    if (generation !== this.generation) return;
    this.state = state;
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
