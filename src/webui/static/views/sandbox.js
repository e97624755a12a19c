// A task's sandbox: its files and a live tail of stdout/stderr, read from the task's agent with
// /files/read the way Mesos' pailer does (start near the end, then poll from the last offset).
import { h, region, stateBadge } from '../dom.js';
import { agentUrl, allTasks, TERMINAL } from '../format.js';
import { taskHref } from './links.js';

const CHUNK = 64 * 1024;      // the agent serves at most this much per read
const KEEP_CHARS = 256 * 1024; // bound the page's memory on chatty tasks
const TAIL_MS = 1000;

let session = null;

export function stopSandbox() {
  if (session) session.stopped = true;
  session = null;
}

export function renderSandbox(main, { state, args }) {
  const [frameworkId, taskId] = args;
  const task = allTasks(state).find((t) => t.framework_id === frameworkId && t.id === taskId);
  region(main, 'head', `${taskId}|${task?.state}`, () => [
    h('p', {}, h('a', { href: task ? taskHref(task) : '#/tasks' }, '‹ Task details')),
    h('h1', {}, `Sandbox of ${taskId} `, task ? stateBadge(task.state) : null),
  ]);
  if (!task) return region(main, 'body', 'missing', () => h('p', { class: 'notice' }, 'The master no longer knows this task.'));
  const agent = (state.slaves ?? []).find((a) => a.id === task.slave_id);
  const base = agent && agentUrl(agent.pid, location.protocol);
  if (!base) return region(main, 'body', 'no-agent', () => h('p', { class: 'notice' }, `Agent ${task.slave_id} is not registered, so its sandbox cannot be read.`));
  if (session && session.key === `${base}|${frameworkId}|${taskId}`) {
    session.finished = TERMINAL.has(task.state);
    return;
  }
  stopSandbox();
  const current = { key: `${base}|${frameworkId}|${taskId}`, stopped: false, finished: TERMINAL.has(task.state) };
  session = current;
  const status = h('p', { class: 'muted', role: 'status' }, 'Looking up the sandbox on the agent…');
  const files = h('div', {});
  const logs = { stdout: h('pre', { class: 'log', id: 'log-stdout', tabindex: 0, 'aria-label': 'stdout' }), stderr: h('pre', { class: 'log', id: 'log-stderr', tabindex: 0, 'aria-label': 'stderr' }) };
  region(main, 'body', current.key, () => [
    status,
    h('section', { class: 'panel' }, h('h2', {}, 'stdout'), logs.stdout),
    h('section', { class: 'panel' }, h('h2', {}, 'stderr'), logs.stderr),
    h('section', { class: 'panel' }, h('h2', {}, 'Files'), files),
  ]);
  void start(current, base, frameworkId, taskId, { status, files, logs });
}

async function getJson(url) {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}${res.status === 404 ? ' (not found)' : ''}`);
  return res.json();
}

async function start(current, base, frameworkId, taskId, ui) {
  let directory;
  try {
    directory = findDirectory(await getJson(`${base}/state`), frameworkId, taskId);
  } catch (err) {
    ui.status.className = 'notice';
    ui.status.textContent = `Could not read the agent at ${base} from this page (${err.message}). ` +
      'The agent must allow cross-origin reads (Access-Control-Allow-Origin) for the UI to show sandboxes.';
    return;
  }
  if (current.stopped) return;
  if (!directory) {
    ui.status.className = 'notice';
    ui.status.textContent = `The agent at ${base} has no sandbox for this task (it may have been garbage collected).`;
    return;
  }
  ui.status.replaceChildren('Sandbox ', h('code', {}, directory), ` on ${base}`);
  void listFiles(base, directory, ui.files);
  await Promise.all(['stdout', 'stderr'].map((name) => tail(current, base, `${directory}/${name}`, ui.logs[name])));
}

function findDirectory(agentState, frameworkId, taskId) {
  const frameworks = [...(agentState.frameworks ?? []), ...(agentState.completed_frameworks ?? [])].filter((f) => f.id === frameworkId);
  for (const fw of frameworks) {
    for (const ex of [...(fw.executors ?? []), ...(fw.completed_executors ?? [])]) {
      const tasks = [...(ex.tasks ?? []), ...(ex.queued_tasks ?? []), ...(ex.completed_tasks ?? [])];
      if (ex.id === taskId || tasks.some((t) => t.id === taskId)) return ex.directory;
    }
  }
  return null;
}

async function listFiles(base, directory, el) {
  try {
    const entries = await getJson(`${base}/files/browse?path=${encodeURIComponent(directory)}`);
    el.replaceChildren(h('ul', { class: 'files' }, entries.map((e) =>
      h('li', {}, h('code', {}, e.mode), ' ', e.path.slice(e.path.lastIndexOf('/') + 1), h('span', { class: 'muted' }, ` · ${e.size} bytes`)))));
  } catch (err) {
    el.replaceChildren(h('p', { class: 'muted' }, `Could not list files: ${err.message}`));
  }
}

const encoder = new TextEncoder();

async function tail(current, base, path, pre) {
  const url = (offset, length) => `${base}/files/read?path=${encodeURIComponent(path)}&offset=${offset}&length=${length}`;
  let offset;
  try {
    const { offset: size } = await getJson(url(-1, 0));
    offset = Math.max(0, size - CHUNK);
  } catch (err) {
    pre.textContent = `(${err.message})`;
    pre.classList.add('muted');
    return;
  }
  let idleAfterFinish = 0;
  while (!current.stopped) {
    let data = '';
    try {
      ({ data } = await getJson(url(offset, CHUNK)));
    } catch {
      // A transient failure (agent restarting): keep the text shown and try again.
    }
    if (data) {
      offset += encoder.encode(data).length;
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.textContent = (pre.textContent + data).slice(-KEEP_CHARS);
      if (atBottom) pre.scrollTop = pre.scrollHeight;
    }
    // A finished task writes nothing more; two empty reads after it ends stop the tail.
    if (current.finished && !data && ++idleAfterFinish >= 2) break;
    if (data.length < CHUNK) await new Promise((r) => setTimeout(r, document.hidden ? TAIL_MS * 5 : TAIL_MS));
  }
  if (!pre.textContent) pre.textContent = '(empty)';
}
