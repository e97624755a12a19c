// Builds DOM nodes from data without innerHTML, so names from the cluster can never inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A region re-renders only when the data it shows changed: keeps scroll, focus and selection
// stable while the state is polled every two seconds.
export function region(parent, id, key, build) {
  let el = parent.querySelector(`:scope > [data-region="${id}"]`);
  if (!el) {
    el = h('div', { 'data-region': id });
    parent.append(el);
  }
  if (el.dataset.key === key) return el;
  el.dataset.key = key;
  el.replaceChildren(...[build()].flat().filter(Boolean));
  return el;
}

export const PAGE_SIZE = 50;

// A table with 50 rows per page; `pager` holds the page across re-renders.
export function pagedTable({ caption, columns, rows, pager, empty = 'Nothing here yet.' }) {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  pager.page = Math.min(pager.page ?? 0, pages - 1);
  const shown = rows.slice(pager.page * PAGE_SIZE, (pager.page + 1) * PAGE_SIZE);
  const table = h('table', {},
    h('caption', {}, caption, h('span', { class: 'count' }, ` (${rows.length})`)),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.title)))),
    h('tbody', {}, shown.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty))
      : shown.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.numeric ? 'num' : undefined }, c.cell(row)))))));
  const wrap = h('div', { class: 'table-wrap' }, table);
  if (pages === 1) return wrap;
  const go = (delta) => () => { pager.page += delta; pager.rerender?.(); };
  const nav = h('nav', { class: 'pager', 'aria-label': `${caption} pages` },
    h('button', { type: 'button', onclick: go(-1), disabled: pager.page === 0 }, '‹ Previous'),
    h('span', {}, `Page ${pager.page + 1} of ${pages}`),
    h('button', { type: 'button', onclick: go(1), disabled: pager.page >= pages - 1 }, 'Next ›'));
  return [wrap, nav];
}

export function bar(label, used, total, unit) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return h('div', { class: 'bar-row' },
    h('div', { class: 'bar-label' }, h('span', {}, label), h('span', { class: 'muted' }, `${unit(used)} / ${unit(total)}`)),
    h('div', { class: 'bar', role: 'meter', 'aria-label': `${label} allocated`, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct.toFixed(0) },
      h('div', { class: 'bar-fill', style: `width:${pct.toFixed(1)}%` })),
    h('div', { class: 'bar-foot muted' }, `${pct.toFixed(0)}% allocated · ${unit(Math.max(0, total - used))} idle`));
}

export function stateBadge(state) {
  const s = String(state ?? '').replace(/^TASK_/, '');
  return h('span', { class: `badge state-${s.toLowerCase()}` }, s);
}

export function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}
