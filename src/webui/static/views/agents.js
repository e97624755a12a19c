import { bar, h, kv, pagedTable, region, stateBadge } from '../dom.js';
import { agentUrl, allTasks, attributesText, bytesMB, cpus, shortId, timeOf } from '../format.js';
import { agentHref, frameworkHref, taskLink } from './links.js';

const pager = {};
const taskPager = {};

export function renderAgents(main, ctx) {
  const { state, args, rerender } = ctx;
  pager.rerender = taskPager.rerender = () => { delete main.querySelector('[data-region="table"]')?.dataset.key; rerender(); };
  if (args[0]) return renderAgent(main, state, args[0]);
  const agents = state.slaves ?? [];
  region(main, 'head', 'list', () => h('h1', {}, 'Agents'));
  const key = JSON.stringify([pager.page, agents.map((a) => [a.id, a.active, a.used_resources])]);
  region(main, 'table', key, () => pagedTable({
    caption: 'Agents', pager, rows: agents,
    columns: [
      { title: 'ID', cell: (a) => h('a', { href: agentHref(a.id) }, shortId(a.id)) },
      { title: 'Host', cell: (a) => a.hostname },
      { title: 'Status', cell: (a) => (a.active ? 'active' : 'inactive') },
      { title: 'CPUs used / total', numeric: true, cell: (a) => `${cpus(a.used_resources?.cpus)} / ${cpus(a.resources?.cpus)}` },
      { title: 'Memory used / total', numeric: true, cell: (a) => `${bytesMB(a.used_resources?.mem)} / ${bytesMB(a.resources?.mem)}` },
      { title: 'Registered', cell: (a) => timeOf(a.registered_time) },
    ],
    empty: 'No agents registered.',
  }));
}

function renderAgent(main, state, id) {
  const agent = (state.slaves ?? []).find((a) => a.id === id);
  region(main, 'head', id, () => [h('p', {}, h('a', { href: '#/agents' }, '‹ All agents')), h('h1', {}, `Agent ${shortId(id)}`)]);
  if (!agent) return region(main, 'detail', 'missing', () => h('p', { class: 'notice' }, 'This agent is not registered with the master (it may have been removed).'));
  region(main, 'detail', JSON.stringify(agent), () => [
    h('section', { class: 'panel' }, kv([
      ['ID', agent.id], ['Host', agent.hostname], ['Endpoint', agentUrl(agent.pid, location.protocol)], ['Version', agent.version],
      ['Registered', timeOf(agent.registered_time)], ['Status', agent.active ? 'active' : 'inactive'],
      ['Attributes', attributesText(agent.attributes)], ['Ports', agent.resources?.ports ?? '—'],
    ])),
    h('section', { class: 'panel' }, h('h2', {}, 'Resources'), h('div', { class: 'bars' },
      bar('CPUs', agent.used_resources?.cpus ?? 0, agent.resources?.cpus ?? 0, cpus),
      bar('Memory', agent.used_resources?.mem ?? 0, agent.resources?.mem ?? 0, bytesMB),
      bar('Disk', agent.used_resources?.disk ?? 0, agent.resources?.disk ?? 0, bytesMB))),
  ]);
  const tasks = allTasks(state).filter((t) => t.slave_id === id);
  region(main, 'table', JSON.stringify([taskPager.page, tasks.map((t) => [t.id, t.state])]), () => pagedTable({
    caption: 'Tasks on this agent', pager: taskPager, rows: tasks,
    columns: [
      { title: 'Task', cell: taskLink },
      { title: 'State', cell: (t) => stateBadge(t.state) },
      { title: 'Framework', cell: (t) => h('a', { href: frameworkHref(t.framework_id) }, t.framework_name ?? shortId(t.framework_id)) },
      { title: 'CPUs', numeric: true, cell: (t) => cpus(t.resources?.cpus) },
      { title: 'Memory', numeric: true, cell: (t) => bytesMB(t.resources?.mem) },
    ],
  }));
}
