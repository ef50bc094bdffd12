// Which shape each valid line used, to name the file's shape and, in a mixed file, warn on the
// lines that differ from the most common shape (known only at the end of the file).
import { SHAPES } from './detectedShapes.ts';
import type { SeedDiagnostic, SeedShape } from './types.ts';

const NAMES: Readonly<Record<SeedShape, string>> = {
  'question-answer': '{question, answer}',
  'instruction-output': '{instruction, input?, output}',
  'prompt-completion': '{prompt, completion}',
  messages: '{messages}',
};

export class ShapeTally {
  readonly #lines: Record<SeedShape, number[]> = { 'question-answer': [], 'instruction-output': [], 'prompt-completion': [], messages: [] };
  readonly #firstSeen: SeedShape[] = [];
  // Only lines whose object does not start at column 1, which is rare.
  readonly #columns = new Map<number, number>();

  add(shape: SeedShape, line: number, column: number): void {
    const lines = this.#lines[shape];
    if (lines.length === 0) this.#firstSeen.push(shape);
    lines.push(line);
    if (column !== 1) this.#columns.set(line, column);
  }

  counts(): Record<SeedShape, number> {
    const counts = {} as Record<SeedShape, number>;
    for (const shape of SHAPES) counts[shape] = this.#lines[shape].length;
    return counts;
  }

  /** Shapes in use, most common first; ties go to the one seen first. */
  ranked(): SeedShape[] {
    return [...this.#firstSeen].sort((a, b) => this.#lines[b].length - this.#lines[a].length);
  }

  /** One warning per line whose shape is not the most common one; unordered. */
  warnings(): SeedDiagnostic[] {
    const [common, ...others] = this.ranked();
    if (!common) return [];
    const warnings: SeedDiagnostic[] = [];
    for (const shape of others) {
      for (const line of this.#lines[shape]) {
        const column = this.#columns.get(line) ?? 1;
        warnings.push({
          severity: 'warning',
          code: 'mixed-shape',
          line,
          column,
          endColumn: column + 1,
          message: `mixed shapes: this line is ${NAMES[shape]}, most lines are ${NAMES[common]}`,
        });
      }
    }
    return warnings;
  }
}
