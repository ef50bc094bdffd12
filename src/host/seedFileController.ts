// Owns "which seed file is selected" and what is known about it: reads it through the core's
// streaming indexer (which also streams the seeds' answer profile), re-reads it when it changes
// on disk, and remembers the choice per workspace.
import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { AnswerProfileBuilder } from '../core/profile/index.ts';
import { indexSeeds, type SeedIndex } from '../core/seeds/index.ts';
import { StateKey } from './ids.ts';

/** The file in the workspace's storage folder that names the chosen seed file. */
const CHOICE_FILE = 'selected-seed-file.json';

export type SeedFileState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly uri: vscode.Uri }
  /** `answers`: the seeds' answer profile so far, finished with the person's choice of kind (AnswerSetup). */
  | { readonly kind: 'loaded'; readonly uri: vscode.Uri; readonly index: SeedIndex; readonly answers: AnswerProfileBuilder }
  | { readonly kind: 'failed'; readonly uri: vscode.Uri; readonly message: string };

export class SeedFileController implements vscode.Disposable {
  private state: SeedFileState = { kind: 'none' };
  private watcher: vscode.Disposable | undefined;
  // A later selection or change supersedes a read still in flight; only the newest one lands.
  private loadGeneration = 0;
  private readonly changed = new vscode.EventEmitter<SeedFileState>();
  readonly onDidChange = this.changed.event;

  private readonly workspaceState: vscode.Memento;
  private readonly choiceFile: vscode.Uri | undefined;

  /**
   * `storageUri` is this workspace's storage folder where the extension host runs. The choice is
   * kept there, not in `workspaceState`: in a browser workbench (code-server) that lives in the
   * browser's storage, so another browser or profile forgot it. `workspaceState` stays the
   * fallback for a window without a folder, which has no storage folder.
   */
  constructor(workspaceState: vscode.Memento, storageUri: vscode.Uri | undefined) {
    this.workspaceState = workspaceState;
    this.choiceFile = storageUri && vscode.Uri.joinPath(storageUri, CHOICE_FILE);
  }

  /** Where the choice is kept (for the extension-host tests). */
  get choiceLocation(): vscode.Uri | undefined {
    return this.choiceFile;
  }

  private async savedChoice(): Promise<string | undefined> {
    if (!this.choiceFile) return this.workspaceState.get<string>(StateKey.selectedSeedFile);
    try {
      const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.choiceFile))) as { seedFile?: unknown };
      return typeof saved.seedFile === 'string' ? saved.seedFile : undefined;
    } catch {
      // No file yet: a choice from before it existed may still be in the workspace state.
      return this.workspaceState.get<string>(StateKey.selectedSeedFile);
    }
  }

  private async saveChoice(uri: vscode.Uri | undefined): Promise<void> {
    if (!this.choiceFile) {
      await this.workspaceState.update(StateKey.selectedSeedFile, uri?.toString());
      return;
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.choiceFile, '..'));
    await vscode.workspace.fs.writeFile(this.choiceFile, new TextEncoder().encode(`${JSON.stringify({ seedFile: uri?.toString() ?? null })}\n`));
  }

  get current(): SeedFileState {
    return this.state;
  }

  /** Re-opens the file chosen in an earlier window of this workspace, if it still exists. */
  async restore(): Promise<void> {
    const saved = await this.savedChoice();
    if (!saved) return;
    const uri = vscode.Uri.parse(saved);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await this.saveChoice(undefined);
      return;
    }
    await this.select(uri);
  }

  async select(uri: vscode.Uri): Promise<SeedFileState> {
    await this.saveChoice(uri);
    this.watch(uri);
    return this.load(uri);
  }

  private async load(uri: vscode.Uri): Promise<SeedFileState> {
    const generation = ++this.loadGeneration;
    this.setState({ kind: 'loading', uri });
    let next: SeedFileState;
    try {
      const answers = new AnswerProfileBuilder();
      next = { kind: 'loaded', uri, index: await indexSeeds(readChunks(uri), { onSeed: (seed) => answers.add(seed) }), answers };
    } catch (error) {
      next = { kind: 'failed', uri, message: describeReadError(error) };
    }
    if (generation === this.loadGeneration) this.setState(next);
    return this.state;
  }

  private watch(uri: vscode.Uri): void {
    this.watcher?.dispose();
    const folder = vscode.Uri.joinPath(uri, '..');
    const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, fileName));
    const reload = () => void this.load(uri);
    const forget = () => {
      this.setState({ kind: 'failed', uri, message: vscode.l10n.t('the file was deleted or moved') });
    };
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(forget));
  }

  private setState(state: SeedFileState): void {
    this.state = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
  }
}

/** Streams local files (big seed files never become one string); other schemes go through VS Code. */
async function* readChunks(uri: vscode.Uri): AsyncIterable<Uint8Array> {
  if (uri.scheme === 'file') {
    yield* createReadStream(uri.fsPath, { highWaterMark: 1 << 20 });
    return;
  }
  yield await vscode.workspace.fs.readFile(uri);
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'FileNotFound') return vscode.l10n.t('the file does not exist');
  if (code === 'EACCES' || code === 'NoPermissions') return vscode.l10n.t('permission denied');
  if (code === 'EISDIR' || code === 'FileIsADirectory') return vscode.l10n.t('that is a folder, not a file');
  return error instanceof Error ? error.message : String(error);
}
