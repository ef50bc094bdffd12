// A tiny element builder. Seed and model text is data: it only ever reaches the page through
// textContent and attributes, never innerHTML, so a seed carrying `<script>` shows as text.

type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  readonly className?: string;
  readonly testId?: string;
  readonly title?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly onClick?: (event: MouseEvent) => void;
}

export function el(tag: string, options: ElementOptions = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.testId) element.dataset['testid'] = options.testId;
  if (options.title) element.title = options.title;
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  if (options.onClick) element.addEventListener('click', options.onClick);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return element;
}
