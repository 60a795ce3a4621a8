/** Attributes of {@link h}: strings and numbers become attributes, functions `on…` listeners. */
export type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/**
 * Builds an element. Text is always set as text, never parsed as HTML: the
 * dashboard shows what visitors sent (event names, traits, paths), and any of it
 * may be hostile.
 *
 * @example
 * h('a', { href: '#journey', class: 'link' }, 'Open journey')
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value != null) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** Appends children, flattening arrays and skipping empty ones. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Builds an SVG element (charts). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: Array<SVGElement | string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** A table from a header row and body rows; `numeric` columns align right. */
export function table(headers: readonly string[], rows: readonly Child[][], options: { numeric?: readonly number[]; testid?: string } = {}): HTMLTableElement {
  const numeric = new Set(options.numeric ?? []);
  const cell = (tag: 'th' | 'td', child: Child, index: number) => h(tag, numeric.has(index) ? { class: 'num' } : {}, child);
  return h(
    'table',
    { 'data-testid': options.testid },
    h('thead', {}, h('tr', {}, headers.map((text, index) => cell('th', text, index)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((child, index) => cell('td', child, index))))),
  );
}

/** A `<select>` of `[value, label]` options with `chosen` selected. */
export function select(name: string, options: ReadonlyArray<readonly [string, string]>, chosen: string): HTMLSelectElement {
  return h('select', { name }, options.map(([value, label]) => h('option', { value, selected: value === chosen }, label)));
}

/** A failed request as the viewer sees it: the collector's message, marked as an alert. */
export function errorLine(error: unknown): HTMLParagraphElement {
  return h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}
