// Small DOM helpers: the page is plain TypeScript without a framework.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

// h creates an element with attributes, event handlers (on...) and
// children. Text children are escaped by the DOM.
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) {
      continue;
    }
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'className') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

// byId returns the element with the id, which index.html must contain.
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`index.html has no element with id "${id}"`);
  }
  return element as T;
}

// fill replaces an element's children.
export function fill(parent: HTMLElement, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'object' ? c : String(c))));
}

// arrange makes nodes the children of parent, in order. Unlike fill, it
// leaves a node that is already in its place attached. Removing the
// focused element drops the focus, and Chromium 156 drops the click on a
// button removed between press and release, even one put back at once.
export function arrange(parent: HTMLElement, nodes: Node[]): void {
  const newChildren = new Set(nodes);
  for (const child of [...parent.childNodes]) {
    if (!newChildren.has(child)) {
      child.remove();
    }
  }
  nodes.forEach((node, i) => {
    const current = parent.childNodes[i];
    if (current !== node) {
      parent.insertBefore(node, current ?? null);
    }
  });
}

// shortAddress abbreviates an address as 0x1234…abcd.
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

// timeOf formats unix milliseconds as a local time of day.
export function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

// dateTimeOf formats unix milliseconds as a local date and time.
export function dateTimeOf(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString([], { hour12: false })}`;
}

// table builds a table with a header row and body rows; an empty body
// shows the message in one row.
export function table(className: string, headers: string[], rows: HTMLTableRowElement[], empty: string): HTMLTableElement {
  const body = rows.length > 0 ? rows : [emptyRow(headers.length, empty)];
  return h('table', { className }, tableHead(headers), h('tbody', {}, ...body));
}

// tableHead builds a table's header row.
export function tableHead(headers: string[]): HTMLTableSectionElement {
  return h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', {}, t))));
}

// emptyRow builds the one row of a table without rows, which shows the
// message across all columns.
export function emptyRow(columns: number, message: string): HTMLTableRowElement {
  return h('tr', {}, h('td', { colspan: columns, className: 'empty' }, message));
}
