// Which lines of which visible editors carry the "samples waiting" gutter mark. Every visible
// editor gets an answer, an empty one when it is not the seed file: a decoration stays until it
// is replaced, so an editor of the previous seed file would otherwise keep its old marks.
export interface MarkedEditor<E> {
  readonly editor: E;
  /** 1-based lines with samples waiting for review. */
  readonly lines: readonly number[];
}

export function gutterMarks<E>(visible: readonly E[], isSeedFile: (editor: E) => boolean, pendingLines: (editor: E) => readonly number[]): MarkedEditor<E>[] {
  return visible.map((editor) => ({ editor, lines: isSeedFile(editor) ? pendingLines(editor) : [] }));
}
