// What the newcomer browser test measures in the sidebar and the workbench: clipped text at the
// sidebar's width, whether a placeholder fits its field, the rephrase diff's marks and their
// styles, fold state, keys pressed in a burst, and the seed file's gutter marks.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { byTestId } from './journeyWorkbench.ts';

/**
 * Elements under `root` (shadow roots of the toolkit's elements included) whose content is wider
 * than their box: text a person cannot read at this width, or a box they must scroll sideways.
 */
export function clippedElements(root: Locator): Promise<string[]> {
  return root.evaluate((start) => {
    const found: string[] = [];
    const describe = (node: Element) => {
      const host = (node.getRootNode() as ShadowRoot).host;
      const id = node.getAttribute('data-testid') ?? node.getAttribute('id') ?? '';
      return `${host ? `${host.tagName.toLowerCase()}::` : ''}${node.tagName.toLowerCase()}${id ? `#${id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : ''}`;
    };
    const visit = (node: Element) => {
      const box = node as HTMLElement;
      // An element that is not laid out (folded away, display: none) clips nothing a person sees.
      if (box.getClientRects().length > 0 && box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1) {
        found.push(`${describe(node)} (${box.scrollWidth} > ${box.clientWidth}): ${(node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}`);
      }
      if (node.shadowRoot) for (const child of node.shadowRoot.children) visit(child);
      for (const child of node.children) visit(child);
    };
    visit(start);
    return found;
  });
}

/** How wide the field's placeholder is, and the room its input has for text (CSS pixels). */
export function placeholderRoom(field: Locator): Promise<{ placeholder: string; text: number; room: number }> {
  return field.evaluate((host) => {
    const input = host.shadowRoot?.querySelector('input') ?? (host as HTMLInputElement);
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    if (!context) throw new Error('no canvas');
    context.font = style.font;
    const placeholder = input.getAttribute('placeholder') ?? '';
    return {
      placeholder,
      text: context.measureText(placeholder).width,
      room: input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight),
    };
  });
}

export interface SectionsSeen {
  readonly open: Record<string, boolean>;
  /** Each section's summary line as shown while folded. */
  readonly summaries: Record<string, string>;
}

/** Which setup sections are open, and their summary lines. */
export function sections(view: FrameLocator): Promise<SectionsSeen> {
  return view.locator('main.sidebar').evaluate((main) => {
    const open: Record<string, boolean> = {};
    const summaries: Record<string, string> = {};
    for (const details of main.querySelectorAll<HTMLDetailsElement>('details.section')) {
      const id = details.dataset['section'] ?? '';
      open[id] = details.open;
      summaries[id] = (details.querySelector('.fold-summary')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    }
    return { open, summaries };
  });
}

/** Whether the element's top edge is inside the sidebar webview's viewport (seen without scrolling). */
export function topInView(locator: Locator): Promise<{ top: number; viewport: number }> {
  return locator.evaluate((node) => ({ top: node.getBoundingClientRect().top, viewport: node.ownerDocument.defaultView?.innerHeight ?? 0 }));
}

export interface DiffMark {
  readonly text: string;
  readonly decoration: string;
  readonly outline: string;
  readonly background: string;
}

/** The rephrase diff's added (ins) and dropped (del) text on the card, with how each is drawn. */
export function diffMarks(view: FrameLocator): Promise<{ added: DiffMark[]; removed: DiffMark[]; shown: string }> {
  return byTestId(view, 'card-question').evaluate((question) => {
    const mark = (node: Element) => {
      const style = getComputedStyle(node);
      return { text: (node.textContent ?? '').trim(), decoration: style.textDecorationLine, outline: `${style.outlineStyle} ${style.outlineColor}`, background: style.backgroundColor };
    };
    const copy = question.cloneNode(true) as Element;
    for (const removed of copy.querySelectorAll('del')) removed.remove();
    return { added: [...question.querySelectorAll('ins')].map(mark), removed: [...question.querySelectorAll('del')].map(mark), shown: copy.textContent ?? '' };
  });
}

/** A colour a person can see: not transparent. */
export function visibleColour(css: string): boolean {
  return !/rgba\(\s*\d+,\s*\d+,\s*\d+,\s*0\s*\)|transparent/.test(css);
}

/** Starts recording the time of every key that reaches the sidebar webview. */
export async function recordKeys(view: FrameLocator): Promise<void> {
  await view.locator('body').evaluate((body) => {
    const win = body.ownerDocument.defaultView as (Window & { seenKeys?: { key: string; at: number }[] }) | null;
    if (!win) return;
    win.seenKeys = [];
    body.ownerDocument.addEventListener('keydown', (event) => win.seenKeys?.push({ key: event.key, at: event.timeStamp }), true);
  });
}

/** The keys that reached the sidebar since recordKeys, in order, with their times (ms). */
export function recordedKeys(view: FrameLocator): Promise<{ key: string; at: number }[]> {
  return view.locator('body').evaluate((body) => [...(((body.ownerDocument.defaultView as (Window & { seenKeys?: { key: string; at: number }[] }) | null)?.seenKeys) ?? [])]);
}

/** Gutter marks ("samples waiting") in the visible editor. */
export function gutterMarkCount(page: Page): Promise<number> {
  return page.locator('.part.editor .monaco-editor .cgmr').count();
}

/** Writes the workspace's settings file; the workbench reads it as a person's edit. */
export async function writeWorkspaceSettings(workspace: string, settings: Record<string, unknown>): Promise<void> {
  await mkdir(path.join(workspace, '.vscode'), { recursive: true });
  await writeFile(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
