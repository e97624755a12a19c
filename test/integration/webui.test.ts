/**
 * The web UI in a real Chromium against a real master and agent, served by the master itself;
 * the page talks to the master through relative URLs and reads sandboxes from the agent, which
 * allows cross-origin GETs.
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent } from '../../src/agent/main.ts';
import type { AgentHandle } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { masterConfigWith } from '../../src/master/config.ts';
import { startMaster } from '../../src/master/main.ts';
import type { MasterHandle } from '../../src/master/main.ts';
import { SchedulerClient } from '../../src/sdk/index.ts';
import type { SchedulerEvent } from '../../src/sdk/index.ts';

let master: MasterHandle;
let agent: AgentHandle;
let workDir: string;
let uiUrl: string;
let browser: Browser;

/** A raw GET whose path is sent byte for byte (fetch would normalize `..` away). */
function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${uiUrl}/`, { path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'webui-'));
  master = await startMaster(masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: 'localhost', allocation_interval: 50 }), { logger: silentLogger() });
  agent = await startAgent(agentConfigWith({ master: master.url, work_dir: join(workDir, 'agent'), port: 0, resources: 'cpus:4;mem:4096;disk:1024' }), {
    logger: silentLogger(), env: { PATH: process.env.PATH },
  });
  for (let i = 0; i < 200 && !agent.connected(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  uiUrl = master.url;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
});

test.after.always(async () => {
  await browser?.close();
  await agent?.stop();
  await master?.stop();
  await rm(workDir, { recursive: true, force: true });
});

/** A page that fails the test on any script error, so a broken view cannot pass silently. */
async function openPage(errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => errors.push(err.message));
  return page;
}

/**
 * Plays an agent the page may not read (one without CORS, or behind a firewall): the browser
 * refuses the request. Playwright's fulfilled responses skip the CORS check, so this aborts them.
 */
async function blockAgent(page: Page): Promise<void> {
  await page.route(`${agent.url}/**`, (route) => route.abort('accessdenied'));
}

test('serves the page and its assets with their content types, and refuses traversal', async (t) => {
  const index = await rawGet('/');
  t.is(index.status, 200);
  t.regex(index.type, /^text\/html/);
  t.regex(index.body, /<script type="module" src="webui\/app\.js">/);
  const app = await rawGet('/webui/app.js');
  t.is(app.status, 200);
  t.regex(app.type, /^text\/javascript/);
  t.regex((await rawGet('/webui/style.css')).type, /^text\/css/);
  for (const path of ['/webui/../../../package.json', '/webui/..%2f..%2f..%2fpackage.json', '/webui/%2e%2e/%2e%2e/%2e%2e/package.json', '/webui/%2E%2E/serve.ts', '/webui/views/%2e%2e/%2e%2e/serve.ts']) {
    const res = await rawGet(path);
    t.is(res.status, 404, path);
    t.notRegex(res.body, /mesos-ts|webuiMiddleware/, path);
  }
  t.is((await rawGet('/webui/nope.js')).status, 404);
  const state = await rawGet('/master/state');
  t.is(state.status, 200, 'non-UI paths reach the master');
  t.regex(state.body, /"slaves"/);
});

test('a task appears, finishes without a reload, and its sandbox shows its stdout', async (t) => {
  const errors: string[] = [];
  const page = await openPage(errors);
  await page.goto(`${uiUrl}/#/`);
  await page.getByRole('heading', { name: 'Cluster' }).waitFor();
  await page.locator('.card', { hasText: 'Agents' }).locator('.card-value', { hasText: '1' }).waitFor();
  // Marks this document: a reload would lose it.
  await page.evaluate(() => { (globalThis as unknown as { marker: number }).marker = 42; });

  const client = new SchedulerClient({ master: master.url, frameworkInfo: { user: 'root', name: 'webui-test' } });
  const events = client.events()[Symbol.asyncIterator]();
  let offers: SchedulerEvent | undefined;
  for (;;) {
    const next = await events.next();
    if (next.done) throw new Error('stream ended before an offer');
    if (next.value.type === 'OFFERS' && (next.value.offers?.offers?.length ?? 0) > 0) { offers = next.value; break; }
  }
  const offer = offers.offers?.offers?.[0];
  if (!offer) throw new Error('no offer');
  // Acknowledge updates in the background so the agent keeps forwarding them.
  const drained = (async () => {
    for (;;) {
      const next = await events.next();
      if (next.done) return;
      if (next.value.type === 'UPDATE' && next.value.update) await client.acknowledge(next.value.update.status);
    }
  })();
  await client.launch(offer, [{
    name: 'greeter', task_id: { value: 'greeter-1' }, agent_id: offer.agent_id,
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 } }, { name: 'mem', type: 'SCALAR', scalar: { value: 64 } }],
    command: { value: 'echo hello-from-the-sandbox; echo oops >&2; sleep 3' },
  }]);

  const active = page.locator('#recent-active li[data-task-id="greeter-1"]');
  await active.waitFor({ timeout: 20_000 });
  await page.screenshot({ path: '/tmp/webui-dashboard.png', fullPage: true });
  await page.locator('#recent-completed li[data-task-id="greeter-1"]', { hasText: 'FINISHED' }).waitFor({ timeout: 20_000 });
  t.is(await active.count(), 0, 'the task left the active list');
  t.is(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker), 42, 'no reload happened');

  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.getByRole('searchbox').fill('greeter');
  await page.locator('table', { hasText: 'Completed tasks' }).getByRole('link', { name: 'Sandbox' }).click();
  await page.locator('#log-stdout', { hasText: 'hello-from-the-sandbox' }).waitFor({ timeout: 20_000 });
  await page.locator('#log-stderr', { hasText: 'oops' }).waitFor({ timeout: 20_000 });
  t.regex(await page.locator('main').innerText(), /stdout[\s\S]*stderr/);
  await page.screenshot({ path: '/tmp/webui-sandbox.png', fullPage: true });

  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`${uiUrl}/#/tasks`);
  await page.locator('table', { hasText: 'Completed tasks' }).getByText('greeter-1').first().waitFor();
  await page.screenshot({ path: '/tmp/webui-narrow.png', fullPage: true });

  await client.teardown();
  await drained;
  t.deepEqual(errors, []);
  await page.close();
});

test('the sandbox tails a running task as its stdout grows', async (t) => {
  const errors: string[] = [];
  const page = await openPage(errors);
  const client = new SchedulerClient({ master: master.url, frameworkInfo: { user: 'root', name: 'webui-tail' } });
  const events = client.events()[Symbol.asyncIterator]();
  let offer;
  while (!offer) {
    const next = await events.next();
    if (next.done) throw new Error('stream ended before an offer');
    if (next.value.type === 'OFFERS') offer = next.value.offers?.offers?.[0];
  }
  const drained = (async () => {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      if (next.value.type === 'UPDATE' && next.value.update) await client.acknowledge(next.value.update.status);
    }
  })();
  await client.launch(offer, [{
    name: 'ticker', task_id: { value: 'ticker-1' }, agent_id: offer.agent_id,
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } }, { name: 'mem', type: 'SCALAR', scalar: { value: 32 } }],
    command: { value: 'for i in 1 2 3 4 5 6; do echo tick-$i; sleep 0.5; done; sleep 30' },
  }]);
  const frameworkId = offer.framework_id.value;
  await page.goto(`${uiUrl}/#/tasks/${frameworkId}/ticker-1/sandbox`);
  const stdout = page.locator('#log-stdout');
  await stdout.filter({ hasText: 'tick-1' }).waitFor({ timeout: 20_000 });
  const early = await stdout.innerText();
  await stdout.filter({ hasText: 'tick-6' }).waitFor({ timeout: 20_000 });
  t.false(early.includes('tick-6'), 'the first read happened before the task was done writing');
  t.is((await stdout.innerText()).trim(), 'tick-1\ntick-2\ntick-3\ntick-4\ntick-5\ntick-6', 'each line once, in order');
  await client.kill('ticker-1', offer.agent_id);
  await client.teardown();
  await drained;
  t.deepEqual(errors, []);
  await page.close();
});

test('big tables page 50 rows at a time; search and the state filter narrow them', async (t) => {
  const errors: string[] = [];
  const page = await openPage(errors);
  // A synthetic cluster with 120 finished and 3 failed tasks, served in place of the master's state.
  const state = JSON.parse((await rawGet('/master/state')).body) as Record<string, unknown>;
  const task = (i: number, st: string) => ({ id: `bulk-${String(i).padStart(3, '0')}`, name: `bulk ${i}`, framework_id: 'fw-bulk', slave_id: 'S-bulk', state: st, resources: { cpus: 0.1, mem: 32 }, statuses: [{ state: st, timestamp: 1000 + i }] });
  state['completed_frameworks'] = [{ id: 'fw-bulk', name: 'bulk', roles: ['*'], tasks: [], completed_tasks: [
    ...Array.from({ length: 120 }, (_, i) => task(i, 'TASK_FINISHED')), task(200, 'TASK_FAILED'), task(201, 'TASK_FAILED'), task(202, 'TASK_FAILED'),
  ] }];
  state['frameworks'] = [];
  await page.route('**/master/state', (route) => route.fulfill({ json: state }));
  await page.goto(`${uiUrl}/#/tasks`);
  const completed = page.locator('table', { hasText: 'Completed tasks' });
  await completed.locator('caption', { hasText: '(123)' }).waitFor();
  t.is(await completed.locator('tbody tr').count(), 50);
  const pager = page.getByRole('navigation', { name: 'Completed tasks pages' });
  t.is(await pager.locator('span').innerText(), 'Page 1 of 3');
  const firstRowBefore = await completed.locator('tbody tr').first().innerText();
  await pager.getByRole('button', { name: 'Next ›' }).click();
  await pager.locator('span', { hasText: 'Page 2 of 3' }).waitFor();
  t.not(await completed.locator('tbody tr').first().innerText(), firstRowBefore);

  await page.getByRole('combobox', { name: 'State' }).selectOption('TASK_FAILED');
  await completed.locator('caption', { hasText: '(3)' }).waitFor();
  t.is(await completed.locator('tbody tr').count(), 3);
  await page.getByRole('searchbox').fill('bulk-201');
  await completed.locator('caption', { hasText: '(1)' }).waitFor();
  t.regex(await completed.locator('tbody').innerText(), /bulk-201/);
  t.deepEqual(errors, []);
  await page.close();
});

test('polling pauses while the tab is hidden and resumes at once when it is shown', async (t) => {
  const errors: string[] = [];
  const page = await openPage(errors);
  let polls = 0;
  page.on('request', (req) => { if (req.url().endsWith('/master/state')) polls++; });
  await page.goto(`${uiUrl}/#/`);
  await page.locator('#live.ok').waitFor();
  // Page-side code as a string: this file is type-checked without the DOM library.
  const setHidden = (hidden: boolean) => page.evaluate(`
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
    document.dispatchEvent(new Event('visibilitychange'));`);
  await setHidden(true);
  await page.locator('#live', { hasText: 'Paused' }).waitFor();
  const whileHidden = polls;
  // Longer than two poll intervals, measured by the page's own timers rather than asserted on time.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 4500)));
  t.true(polls <= whileHidden + 1, `at most the poll already in flight (${polls - whileHidden} more)`);
  const resumed = page.waitForRequest((req) => req.url().endsWith('/master/state'));
  await setHidden(false);
  await resumed;
  await page.locator('#live.ok').waitFor();
  t.deepEqual(errors, []);
  await page.close();
});

test('when the page cannot read the agent the sandbox says why instead of failing', async (t) => {
  const errors: string[] = [];
  const page = await openPage(errors);
  await blockAgent(page);
  await page.goto(`${uiUrl}/#/tasks`);
  const link = page.locator('table', { hasText: 'Completed tasks' }).getByRole('link', { name: 'Sandbox' }).first();
  await link.click();
  await page.locator('.notice', { hasText: 'Access-Control-Allow-Origin' }).waitFor({ timeout: 20_000 });
  t.regex(await page.locator('.notice').innerText(), new RegExp(agent.url.replace(/[.]/g, '\\.')));
  t.deepEqual(errors, []);
  await page.close();
});
