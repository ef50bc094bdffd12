// Keeps which setup sections the person folded or unfolded in the workspace state, on the host:
// the sidebar webview is rebuilt on every reload and shows what the snapshot says.
import type * as vscode from 'vscode';
import type { SetupSection } from '../shared/protocol.ts';
import { keepTeacherOpen, parseChoices, startReview, withChoice, type SectionChoices } from '../hostLogic/sectionLayout.ts';
import { StateKey } from './ids.ts';

export class SectionsState {
  private readonly memento: vscode.Memento;
  private readonly changed: () => void;
  private current: SectionChoices;
  private teacherWasConfigured: boolean | undefined;

  constructor(memento: vscode.Memento, changed: () => void) {
    this.memento = memento;
    this.changed = changed;
    this.current = parseChoices(memento.get(StateKey.sections));
  }

  /** The choices for the next snapshot; `teacherConfigured` as that snapshot shows it. */
  choices(teacherConfigured: boolean): SectionChoices {
    const kept = keepTeacherOpen(this.current, this.teacherWasConfigured, teacherConfigured);
    this.teacherWasConfigured = teacherConfigured;
    if (kept) this.store(kept);
    return this.current;
  }

  /** The person starts something new from the sidebar (another seed file, a run): the next review comes first. */
  startReview(): void {
    if (Object.keys(this.current.review).length === 0) return;
    this.store(startReview(this.current));
    this.changed();
  }

  set(section: SetupSection, open: boolean, reviewFirst: boolean): void {
    this.store(withChoice(this.current, reviewFirst, section, open));
    this.changed();
  }

  private store(choices: SectionChoices): void {
    this.current = choices;
    void this.memento.update(StateKey.sections, choices);
  }
}
