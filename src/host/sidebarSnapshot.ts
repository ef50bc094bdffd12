// Host state → the protocol's SidebarSnapshot: the only place that knows both shapes.
import * as vscode from 'vscode';
import type { SeedIndex } from '../core/seeds/index.ts';
import { MAX_BAD_LINES_IN_SNAPSHOT, type SeedFileStatus, type SeedFileView, type SidebarSnapshot } from '../shared/protocol.ts';
import type { SeedFileState } from './seedFileController.ts';

export interface SidebarInputs {
  readonly seedFile: SeedFileState;
  readonly teacherLimit: number;
  readonly teacherSpent: number;
}

const SHAPE_LABELS: Record<SeedIndex['shape'], string> = {
  'question-answer': 'question / answer',
  'instruction-output': 'instruction / input / output',
  'prompt-completion': 'prompt / completion',
  messages: 'chat messages',
  mapping: 'custom field mapping',
  mixed: 'mixed shapes',
  none: 'no valid line',
};

let revision = 0;

export function buildSidebarSnapshot(inputs: SidebarInputs): SidebarSnapshot {
  return {
    revision: ++revision,
    seedFile: seedFileStatus(inputs.seedFile),
    budget: { teacherLimit: inputs.teacherLimit, teacherSpent: inputs.teacherSpent },
    workspaceTrusted: vscode.workspace.isTrusted,
  };
}

function seedFileStatus(state: SeedFileState): SeedFileStatus {
  switch (state.kind) {
    case 'none':
      return { kind: 'none' };
    case 'loading':
      return { kind: 'loading', fileName: fileName(state.uri) };
    case 'failed':
      return { kind: 'failed', fileName: fileName(state.uri), message: state.message };
    case 'loaded':
      return { kind: 'loaded', file: seedFileView(state.uri, state.index) };
  }
}

function seedFileView(uri: vscode.Uri, index: SeedIndex): SeedFileView {
  return {
    uri: uri.toString(),
    fileName: fileName(uri),
    displayPath: vscode.workspace.asRelativePath(uri, true),
    shape: SHAPE_LABELS[index.shape],
    questionField: index.fields?.question ?? '—',
    answerField: index.fields?.answer ?? '—',
    validSeeds: index.stats.valid,
    badLineCount: index.errors.length,
    warningCount: index.warnings.length,
    blankLines: index.stats.blank,
    badLines: index.errors.slice(0, MAX_BAD_LINES_IN_SNAPSHOT).map(({ line, column, message }) => ({ line, column, message })),
  };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
