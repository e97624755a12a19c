import { bar, h, region, stateBadge } from '../dom.js';
import { allTasks, bytesMB, countByState, cpus, duration, shortId, sumResources, TERMINAL, timeOf } from '../format.js';
import { taskLink } from './links.js';

export function renderDashboard(main, { state, metrics }) {
  const tasks = allTasks(state);
  const total = sumResources(state.slaves ?? [], 'resources');
  const used = sumResources(state.slaves ?? [], 'used_resources');
  const counts = countByState(tasks);

  region(main, 'head', 'static', () => h('h1', {}, 'Cluster'));
  const leader = state.leader_info ? `${state.leader_info.hostname}:${state.leader_info.port}` : state.leader ?? 'none';
  const uptime = metrics['master/uptime_secs'] ?? Date.now() / 1000 - (state.start_time ?? 0);
  region(main, 'summary', JSON.stringify([leader, state.version, state.cluster, duration(uptime), state.activated_slaves, (state.frameworks ?? []).length]), () =>
    h('section', { class: 'cards', 'aria-label': 'Summary' },
      card('Leader', leader, state.pid === state.leader ? 'this master' : 'another master'),
      card('Version', state.version ?? '—', `started ${timeOf(state.start_time)}`),
      card('Uptime', duration(uptime)),
      card('Agents', String(state.activated_slaves ?? (state.slaves ?? []).length), `${state.deactivated_slaves ?? 0} deactivated · ${state.unreachable_slaves ?? 0} unreachable`),
      card('Frameworks', String((state.frameworks ?? []).length), `${(state.completed_frameworks ?? []).length} completed`)));

  region(main, 'resources', JSON.stringify([total, used]), () =>
    h('section', { class: 'panel', 'aria-labelledby': 'res-h' },
      h('h2', { id: 'res-h' }, 'Resources'),
      h('div', { class: 'bars' },
        bar('CPUs', used.cpus, total.cpus, cpus),
        bar('Memory', used.mem, total.mem, bytesMB),
        bar('Disk', used.disk, total.disk, bytesMB),
        total.gpus > 0 ? bar('GPUs', used.gpus, total.gpus, cpus) : null)));

  region(main, 'states', JSON.stringify(counts), () =>
    h('section', { class: 'panel', 'aria-labelledby': 'states-h' },
      h('h2', { id: 'states-h' }, 'Tasks by state'),
      Object.keys(counts).length === 0 ? h('p', { class: 'muted' }, 'No tasks yet.') :
        h('ul', { class: 'state-counts' }, Object.entries(counts).sort().map(([s, n]) => h('li', {}, stateBadge(s), h('strong', {}, String(n)))))));

  const running = tasks.filter((t) => !TERMINAL.has(t.state)).slice(0, 10);
  const done = tasks.filter((t) => TERMINAL.has(t.state)).slice(0, 10);
  const recentKey = JSON.stringify([running, done].map((l) => l.map((t) => [t.id, t.state])));
  region(main, 'recent', recentKey, () => h('div', { class: 'two-col' },
    recent('Recent active tasks', running, 'recent-active'),
    recent('Recently completed tasks', done, 'recent-completed')));
}

function card(title, value, foot) {
  return h('div', { class: 'card' }, h('div', { class: 'card-title' }, title), h('div', { class: 'card-value' }, value), foot ? h('div', { class: 'card-foot muted' }, foot) : null);
}

function recent(title, tasks, id) {
  return h('section', { class: 'panel', 'aria-labelledby': `${id}-h`, id },
    h('h2', { id: `${id}-h` }, title),
    tasks.length === 0 ? h('p', { class: 'muted' }, 'None.') :
      h('ul', { class: 'task-list' }, tasks.map((t) => h('li', { 'data-task-id': t.id },
        stateBadge(t.state), ' ', taskLink(t), h('span', { class: 'muted' }, ` · ${t.framework_name ?? shortId(t.framework_id)}`)))));
}
