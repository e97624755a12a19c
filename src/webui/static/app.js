// The single page: polls the master every 2 s (paused while the tab is hidden), routes on the
// URL hash, and hands each view the latest state. Views re-render only regions whose data changed.
import { renderDashboard } from './views/dashboard.js';
import { renderAgents } from './views/agents.js';
import { renderFrameworks } from './views/frameworks.js';
import { renderTasks } from './views/tasks.js';
import { renderSandbox, stopSandbox } from './views/sandbox.js';

const POLL_MS = 2000;
const main = document.getElementById('main');
const live = document.getElementById('live');
const store = { state: null, metrics: {}, fetchedAt: 0, error: null };
let currentRoute = '';
let timer = null;

// Relative URLs only: the same page works whichever master (or proxy) serves it.
async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

async function poll() {
  try {
    const [state, metrics] = await Promise.all([getJson('master/state'), getJson('metrics/snapshot').catch(() => ({}))]);
    Object.assign(store, { state, metrics, fetchedAt: Date.now(), error: null });
    // A poll already in flight when the tab was hidden must not claim the page is live.
    live.textContent = document.hidden ? 'Paused while the tab is hidden' : `Live · updated ${new Date().toLocaleTimeString()}`;
    live.className = document.hidden ? 'live' : 'live ok';
  } catch (err) {
    store.error = err instanceof Error ? err.message : String(err);
    live.textContent = `Cannot reach the master (${store.error}); retrying`;
    live.className = 'live bad';
  }
  render();
}

function schedule() {
  clearTimeout(timer);
  if (document.hidden) return;
  timer = setTimeout(async () => { await poll(); schedule(); }, POLL_MS);
}

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] ?? 'dashboard', args: parts.slice(1) };
}

function render() {
  const route = parseRoute();
  const key = location.hash;
  if (key !== currentRoute) {
    if (!currentRoute.includes('/sandbox') || !key.includes('/sandbox')) stopSandbox();
    currentRoute = key;
    main.replaceChildren();
    window.scrollTo(0, 0);
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === route.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!store.state) {
    if (!main.firstChild) main.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'Loading cluster state…' }));
    return;
  }
  const ctx = { state: store.state, metrics: store.metrics, args: route.args, rerender: render };
  switch (route.name) {
    case 'agents': renderAgents(main, ctx); break;
    case 'frameworks': renderFrameworks(main, ctx); break;
    case 'tasks':
      if (route.args[2] === 'sandbox') renderSandbox(main, ctx);
      else renderTasks(main, ctx);
      break;
    default: renderDashboard(main, ctx);
  }
  document.title = `Mesos-TS · ${route.name[0].toUpperCase()}${route.name.slice(1)}`;
}

window.addEventListener('hashchange', () => { render(); main.focus({ preventScroll: true }); });
document.addEventListener('visibilitychange', () => {
  if (document.hidden) { clearTimeout(timer); live.textContent = 'Paused while the tab is hidden'; live.className = 'live'; }
  else { void poll().then(schedule); }
});
void poll().then(schedule);
