import { h, kv, pagedTable, region, stateBadge } from '../dom.js';
import { allTasks, bytesMB, cpus, shortId, TERMINAL, timeOf } from '../format.js';
import { agentHref, frameworkHref, sandboxHref, taskHref } from './links.js';

const filter = { text: '', state: '' };
const pagers = { active: {}, completed: {} };

export function renderTasks(main, ctx) {
  const { state, args, rerender } = ctx;
  const refresh = () => { for (const r of main.querySelectorAll('[data-region]:not([data-region="head"])')) delete r.dataset.key; rerender(); };
  for (const p of Object.values(pagers)) p.rerender = refresh;
  if (args[1]) return renderTask(main, state, args[0], args[1]);
  const tasks = allTasks(state);

  // The filter form is built once and never re-rendered, so typing keeps focus while data polls in.
  region(main, 'head', 'list', () => [
    h('h1', {}, 'Tasks'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', {}, 'Search ', h('input', { type: 'search', name: 'q', value: filter.text, placeholder: 'name, ID, framework, agent', oninput: (e) => { filter.text = e.target.value; pagers.active.page = pagers.completed.page = 0; refresh(); } })),
      h('label', {}, 'State ', h('select', { name: 'state', onchange: (e) => { filter.state = e.target.value; pagers.active.page = pagers.completed.page = 0; refresh(); } },
        h('option', { value: '' }, 'Any'),
        ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR'].map((s) =>
          h('option', { value: s, selected: filter.state === s }, s.replace('TASK_', '').toLowerCase()))))),
  ]);

  const needle = filter.text.trim().toLowerCase();
  const shown = tasks.filter((t) => (!filter.state || t.state === filter.state) &&
    (!needle || [t.id, t.name, t.framework_name, t.framework_id, t.slave_id].some((v) => String(v ?? '').toLowerCase().includes(needle))));
  const columns = [
    { title: 'Task', cell: (t) => h('a', { href: taskHref(t) }, t.name || t.id) },
    { title: 'ID', cell: (t) => h('code', {}, t.id) },
    { title: 'State', cell: (t) => stateBadge(t.state) },
    { title: 'Framework', cell: (t) => h('a', { href: frameworkHref(t.framework_id) }, t.framework_name ?? shortId(t.framework_id)) },
    { title: 'Agent', cell: (t) => h('a', { href: agentHref(t.slave_id) }, shortId(t.slave_id)) },
    { title: 'CPUs', numeric: true, cell: (t) => cpus(t.resources?.cpus) },
    { title: 'Memory', numeric: true, cell: (t) => bytesMB(t.resources?.mem) },
    { title: 'Sandbox', cell: (t) => h('a', { href: sandboxHref(t) }, 'Sandbox') },
  ];
  const active = shown.filter((t) => !TERMINAL.has(t.state));
  const done = shown.filter((t) => TERMINAL.has(t.state));
  const digest = (l) => JSON.stringify(l.map((t) => [t.id, t.state]));
  region(main, 'active', `${pagers.active.page}|${digest(active)}`, () => pagedTable({ caption: 'Active tasks', pager: pagers.active, rows: active, columns, empty: 'No active tasks match.' }));
  region(main, 'completed', `${pagers.completed.page}|${digest(done)}`, () => pagedTable({ caption: 'Completed tasks', pager: pagers.completed, rows: done, columns, empty: 'No completed tasks match.' }));
}

function renderTask(main, state, frameworkId, taskId) {
  const task = allTasks(state).find((t) => t.framework_id === frameworkId && t.id === taskId);
  region(main, 'head', taskId, () => [h('p', {}, h('a', { href: '#/tasks' }, '‹ All tasks')), h('h1', {}, `Task ${taskId}`)]);
  if (!task) return region(main, 'detail', 'missing', () => h('p', { class: 'notice' }, 'The master no longer knows this task.'));
  region(main, 'detail', JSON.stringify(task), () => [
    h('section', { class: 'panel' }, kv([
      ['ID', task.id], ['Name', task.name], ['State', stateBadge(task.state)],
      ['Framework', h('a', { href: frameworkHref(task.framework_id) }, task.framework_name ?? task.framework_id)],
      ['Agent', h('a', { href: agentHref(task.slave_id) }, task.slave_id)], ['Executor', task.executor_id || '(command executor)'],
      ['Role', task.role ?? '—'], ['Resources', `${cpus(task.resources?.cpus)} CPUs · ${bytesMB(task.resources?.mem)} memory · ${bytesMB(task.resources?.disk)} disk`],
      ['Sandbox', h('a', { href: sandboxHref(task), class: 'button' }, 'Open sandbox')],
    ])),
    h('section', { class: 'panel' }, h('h2', {}, 'Status history'),
      h('ol', { class: 'timeline' }, (task.statuses ?? []).map((s) => h('li', {}, stateBadge(s.state), ` ${timeOf(s.timestamp)}`)))),
  ]);
}
