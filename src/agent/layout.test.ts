import test from 'ava';
import { WorkDirLayout } from './layout.ts';

const run = { agentId: 'M-S0', frameworkId: 'M-0000', executorId: 'e1', containerId: 'c1' };

test('sandboxes and checkpoints follow the Mesos work_dir layout', (t) => {
  const layout = new WorkDirLayout('/w');
  t.is(layout.sandbox(run), '/w/slaves/M-S0/frameworks/M-0000/executors/e1/runs/c1');
  t.is(layout.taskUpdatesFile(run, 't1'), '/w/meta/slaves/M-S0/frameworks/M-0000/executors/e1/runs/c1/tasks/t1/task.updates');
  t.is(layout.forkedPidFile(run), '/w/meta/slaves/M-S0/frameworks/M-0000/executors/e1/runs/c1/pids/forked.pid');
  t.is(layout.frameworkInfoFile('M-S0', 'M-0000'), '/w/meta/slaves/M-S0/frameworks/M-0000/framework.info');
  t.is(layout.latestAgentFile(), '/w/meta/slaves/latest');
});

test('ids cannot climb out of the work dir', (t) => {
  const layout = new WorkDirLayout('/w');
  const sandbox = layout.sandbox({ ...run, executorId: '../../../etc', containerId: '..' });
  t.true(sandbox.startsWith('/w/slaves/M-S0/frameworks/M-0000/executors/'));
  t.false(sandbox.includes('/../'));
  t.false(sandbox.endsWith('/..'));
});
