import { h, kv, pagedTable, region, stateBadge } from '../dom.js';
import { bytesMB, cpus, shortId, timeOf } from '../format.js';
import { agentHref, frameworkHref, taskLink } from './links.js';

const pagers = { active: {}, completed: {}, tasks: {} };

export function renderFrameworks(main, ctx) {
  const { state, args, rerender } = ctx;
  for (const p of Object.values(pagers)) p.rerender = () => { for (const r of main.querySelectorAll('[data-region]')) delete r.dataset.key; rerender(); };
  if (args[0]) return renderFramework(main, state, args[0]);
  region(main, 'head', 'list', () => h('h1', {}, 'Frameworks'));
  const columns = [
    { title: 'ID', cell: (f) => h('a', { href: frameworkHref(f.id) }, shortId(f.id)) },
    { title: 'Name', cell: (f) => f.name },
    { title: 'Roles', cell: (f) => (f.roles ?? [f.role]).filter(Boolean).join(', ') },
    { title: 'User', cell: (f) => f.user },
    { title: 'Active tasks', numeric: true, cell: (f) => String((f.tasks ?? []).length) },
    { title: 'CPUs', numeric: true, cell: (f) => cpus(f.used_resources?.cpus) },
    { title: 'Memory', numeric: true, cell: (f) => bytesMB(f.used_resources?.mem) },
    { title: 'Registered', cell: (f) => timeOf(f.registered_time) },
  ];
  const active = state.frameworks ?? [];
  const completed = state.completed_frameworks ?? [];
  const digest = (l) => l.map((f) => [f.id, f.active, (f.tasks ?? []).length, f.used_resources]);
  region(main, 'active', JSON.stringify([pagers.active.page, digest(active)]), () => pagedTable({ caption: 'Active frameworks', pager: pagers.active, rows: active, columns, empty: 'No framework is registered.' }));
  region(main, 'completed', JSON.stringify([pagers.completed.page, digest(completed)]), () => pagedTable({ caption: 'Completed frameworks', pager: pagers.completed, rows: completed, columns }));
}

function renderFramework(main, state, id) {
  const fw = [...(state.frameworks ?? []), ...(state.completed_frameworks ?? [])].find((f) => f.id === id);
  region(main, 'head', id, () => [h('p', {}, h('a', { href: '#/frameworks' }, '‹ All frameworks')), h('h1', {}, `Framework ${fw?.name ?? shortId(id)}`)]);
  if (!fw) return region(main, 'detail', 'missing', () => h('p', { class: 'notice' }, 'The master no longer knows this framework.'));
  const summary = { ...fw, tasks: undefined, completed_tasks: undefined, offers: undefined };
  region(main, 'detail', JSON.stringify(summary), () => h('section', { class: 'panel' }, kv([
    ['ID', fw.id], ['Name', fw.name], ['User', fw.user], ['Roles', (fw.roles ?? [fw.role]).filter(Boolean).join(', ')],
    ['Status', fw.active ? 'active' : fw.unregistered_time ? 'completed' : 'inactive'], ['Registered', timeOf(fw.registered_time)],
    ['Resources used', `${cpus(fw.used_resources?.cpus)} CPUs · ${bytesMB(fw.used_resources?.mem)} memory · ${bytesMB(fw.used_resources?.disk)} disk`],
    ['Resources offered', `${cpus(fw.offered_resources?.cpus)} CPUs · ${bytesMB(fw.offered_resources?.mem)} memory`],
    ['Web UI', fw.webui_url ? h('a', { href: fw.webui_url, rel: 'noopener' }, fw.webui_url) : '—'],
  ])));
  const tasks = [...(fw.tasks ?? []).map((t) => ({ ...t, active: true })), ...(fw.completed_tasks ?? [])];
  region(main, 'tasks', JSON.stringify([pagers.tasks.page, tasks.map((t) => [t.id, t.state])]), () => pagedTable({
    caption: 'Tasks', pager: pagers.tasks, rows: tasks,
    columns: [
      { title: 'Task', cell: taskLink },
      { title: 'State', cell: (t) => stateBadge(t.state) },
      { title: 'Agent', cell: (t) => h('a', { href: agentHref(t.slave_id) }, shortId(t.slave_id)) },
      { title: 'CPUs', numeric: true, cell: (t) => cpus(t.resources?.cpus) },
      { title: 'Memory', numeric: true, cell: (t) => bytesMB(t.resources?.mem) },
    ],
  }));
}
