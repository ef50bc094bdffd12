// Inline preview in the seed file: above each seed line a CodeLens with its samples
// ("3 generated · 1 ✓ · 1 ✗ · 1 pending") that opens them in the sidebar, a hover with the
// generated questions and answers, and a gutter mark on lines with samples waiting for review.
// Samples are matched to lines by the seed's content hash, so they follow a line that moves; a
// line whose text changed keeps its samples, marked as made from an older version.
import * as vscode from 'vscode';
import type { SessionState } from '../core/journal/state.ts';
import type { Sample } from '../core/samples/sample.ts';
import { asMarkdownText } from '../core/review/markdownText.ts';
import { indexSeedText, type SeedIndex } from '../core/seeds/index.ts';
import { gutterMarks } from '../hostLogic/gutterMarks.ts';
import { CommandId } from './ids.ts';
import type { SeedFileController } from './seedFileController.ts';
import type { SessionController } from './session/sessionController.ts';

interface LineSamples {
  readonly current: Sample[];
  /** Samples made from an earlier text of this line. */
  readonly outdated: Sample[];
  /** New questions this seed was an example for. */
  readonly examples: number;
}

const MAX_HOVER_SAMPLES = 3;

export class SeedLensProvider implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly decoration: vscode.TextEditorDecorationType;
  private cache: { uri: string; version: number; events: number; lines: Map<number, LineSamples> } | undefined;
  private readonly seedFile: SeedFileController;
  private readonly session: SessionController;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(seedFile: SeedFileController, session: SessionController, extensionUri: vscode.Uri) {
    this.decoration = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'pending.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.seedFile = seedFile;
    this.session = session;
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isSeedFile(event.document.uri)) this.refresh();
      }),
    );
  }

  refresh(): void {
    this.changed.fire();
    this.decorate();
  }

  private isSeedFile(uri: vscode.Uri): boolean {
    const state = this.seedFile.current;
    return state.kind === 'loaded' && state.uri.toString() === uri.toString();
  }

  /** Samples per line of the document as it is now (cached per document version and journal). */
  private linesOf(document: vscode.TextDocument): Map<number, LineSamples> {
    const state = this.session.state;
    const key = document.uri.toString();
    if (this.cache && this.cache.uri === key && this.cache.version === document.version && this.cache.events === state.events) return this.cache.lines;
    const lines = mapSamplesToLines(indexSeedText(document.getText()), state);
    this.cache = { uri: key, version: document.version, events: state.events, lines };
    return lines;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.isSeedFile(document.uri) || this.session.state.samples.size === 0) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const [line, found] of this.linesOf(document)) {
      const title = lensTitle(found, this.session.state);
      if (!title) continue;
      const first = found.current[0] ?? found.outdated[0];
      lenses.push(new vscode.CodeLens(new vscode.Range(line - 1, 0, line - 1, 0), {
        title,
        command: CommandId.showSamplesForLine,
        arguments: first ? [first.id] : [],
        tooltip: vscode.l10n.t('Review these samples in the SeedSmith sidebar'),
      }));
    }
    return lenses;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.isSeedFile(document.uri)) return undefined;
    const text = this.hoverText(document.uri, position.line + 1, document);
    if (!text) return undefined;
    return new vscode.Hover(text);
  }

  /** The hover's Markdown for a 1-based line; model text is appended as text, never as markup. */
  hoverText(uri: vscode.Uri, line: number, document?: vscode.TextDocument): vscode.MarkdownString | undefined {
    const doc = document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return undefined;
    const found = this.linesOf(doc).get(line);
    if (!found || found.current.length + found.outdated.length === 0) return undefined;
    const markdown = new vscode.MarkdownString();
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    const shown = [...found.current, ...found.outdated].slice(0, MAX_HOVER_SAMPLES);
    for (const sample of shown) {
      const review = this.session.state.reviews.get(sample.id);
      markdown.appendMarkdown(`**${sample.strategy}** · ${review?.state ?? 'pending'}${found.outdated.includes(sample) ? ` · ${vscode.l10n.t('from an older version of this line')}` : ''}${sample.flags.length ? ` · ⚑ ${sample.flags.join(', ')}` : ''}\n\n`);
      markdown.appendMarkdown(`Q: ${asMarkdownText(review?.edited?.question ?? sample.question)}\n\nA: ${asMarkdownText(review?.edited?.answer ?? sample.answer)}`);
      markdown.appendMarkdown('\n\n---\n\n');
    }
    const more = found.current.length + found.outdated.length - shown.length;
    if (more > 0) markdown.appendMarkdown(vscode.l10n.t('…and {0} more in the sidebar.', more));
    return markdown;
  }

  /** Lens titles per 1-based line, for tests. */
  titlesFor(uri: vscode.Uri): Record<number, string> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const titles: Record<number, string> = {};
    if (!doc) return titles;
    for (const [line, found] of this.linesOf(doc)) {
      const title = lensTitle(found, this.session.state);
      if (title) titles[line] = title;
    }
    return titles;
  }

  private decorate(): void {
    const marks = gutterMarks(vscode.window.visibleTextEditors, (editor) => this.isSeedFile(editor.document.uri), (editor) => this.pendingLines(editor.document));
    for (const { editor, lines } of marks) {
      editor.setDecorations(this.decoration, lines.map((line) => new vscode.Range(line - 1, 0, line - 1, 0)));
    }
  }

  private pendingLines(document: vscode.TextDocument): number[] {
    const lines: number[] = [];
    for (const [line, found] of this.linesOf(document)) {
      if (found.current.some((sample) => (this.session.state.reviews.get(sample.id)?.state ?? 'pending') === 'pending')) lines.push(line);
    }
    return lines;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.decoration.dispose();
    this.changed.dispose();
  }
}

function mapSamplesToLines(index: SeedIndex, state: SessionState): Map<number, LineSamples> {
  const lineByHash = new Map<string, number>();
  const validLines = new Set<number>();
  for (const seed of index.seeds) {
    if (!lineByHash.has(seed.hash)) lineByHash.set(seed.hash, seed.line);
    validLines.add(seed.line);
  }
  const lines = new Map<number, { current: Sample[]; outdated: Sample[]; examples: number }>();
  const at = (line: number) => {
    let entry = lines.get(line);
    if (!entry) lines.set(line, (entry = { current: [], outdated: [], examples: 0 }));
    return entry;
  };
  for (const sample of state.samples.values()) {
    if (sample.strategy === 'new-question') {
      for (const hash of sample.seedHashes) {
        const line = lineByHash.get(hash);
        if (line !== undefined) at(line).examples++;
      }
      continue;
    }
    const hash = sample.seedHashes[0];
    const line = hash !== undefined ? lineByHash.get(hash) : undefined;
    if (line !== undefined) at(line).current.push(sample);
    else {
      // The seed's text changed (or the line went): show its samples where the line was.
      const was = sample.seedLines[0];
      if (was !== undefined && validLines.has(was)) at(was).outdated.push(sample);
    }
  }
  return lines;
}

function lensTitle(found: LineSamples, state: SessionState): string | undefined {
  const parts: string[] = [];
  const all = found.current;
  if (all.length > 0) {
    let accepted = 0;
    let rejected = 0;
    for (const sample of all) {
      const review = state.reviews.get(sample.id)?.state;
      if (review === 'accepted') accepted++;
      else if (review === 'rejected') rejected++;
    }
    const pending = all.length - accepted - rejected;
    parts.push(vscode.l10n.t('{0} generated · {1} ✓ · {2} ✗ · {3} pending', all.length, accepted, rejected, pending));
  }
  if (found.outdated.length > 0) parts.push(vscode.l10n.t('{0} from an older version of this line', found.outdated.length));
  if (found.examples > 0) parts.push(vscode.l10n.t('example for {0} new questions', found.examples));
  return parts.length > 0 ? `$(beaker) ${parts.join(' · ')}` : undefined;
}
