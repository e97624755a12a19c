import test from 'ava';
import { FakeClock } from '../../lib/clock.ts';
import type { TaskInfoWire } from '../wire.ts';
import { TaskRunner, type ProcessEnd, type TaskProcess } from './task-runner.ts';

interface FakeProcess extends TaskProcess {
  signals: string[];
  end(result: ProcessEnd): void;
}

function fakeProcess(): FakeProcess {
  let end!: (r: ProcessEnd) => void;
  const exited = new Promise<ProcessEnd>((resolve) => { end = resolve; });
  const signals: string[] = [];
  return { exited, signals, end, signal: (s) => { signals.push(s); } };
}

function task(id: string, graceSecs?: number): TaskInfoWire {
  return {
    name: id, task_id: { value: id }, agent_id: { value: 'a' }, command: { value: 'true' },
    ...(graceSecs !== undefined ? { kill_policy: { grace_period: { nanoseconds: graceSecs * 1e9 } } } : {}),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

function setup(options: { killingState?: boolean; shutdownGraceMs?: number; failStart?: boolean } = {}) {
  const clock = new FakeClock(0);
  const processes = new Map<string, FakeProcess>();
  const updates: string[] = [];
  let idle = 0;
  const runner = new TaskRunner({
    clock,
    startTask: async (t) => {
      if (options.failStart) throw new Error('no such file');
      const p = fakeProcess();
      processes.set(t.task_id.value, p);
      return p;
    },
    sendUpdate: (u) => updates.push(u.reason !== undefined ? `${u.taskId}:${u.state}:${u.reason}` : `${u.taskId}:${u.state}`),
    onIdle: () => { idle++; },
  }, options);
  return { clock, processes, updates, runner, idleCount: () => idle };
}

test('a task that exits 0 goes STARTING, RUNNING, FINISHED and the executor goes idle', async (t) => {
  const { runner, processes, updates, idleCount } = setup();
  runner.launch(task('t1'));
  await tick();
  processes.get('t1')?.end({ exitCode: 0 });
  await tick();
  t.deepEqual(updates, ['t1:TASK_STARTING', 't1:TASK_RUNNING', 't1:TASK_FINISHED']);
  t.is(idleCount(), 1);
});

test('a non-zero exit is TASK_FAILED', async (t) => {
  const { runner, processes, updates } = setup();
  runner.launch(task('t1'));
  await tick();
  processes.get('t1')?.end({ exitCode: 2 });
  await tick();
  t.is(updates.at(-1), 't1:TASK_FAILED');
});

test('a command that cannot start is TASK_FAILED without RUNNING', async (t) => {
  const { runner, updates } = setup({ failStart: true });
  runner.launch(task('t1'));
  await tick();
  t.deepEqual(updates, ['t1:TASK_STARTING', 't1:TASK_FAILED:REASON_CONTAINER_LAUNCH_FAILED']);
});

test('kill sends SIGTERM, then SIGKILL only after the kill policy grace, and reports KILLED', async (t) => {
  const { runner, processes, updates, clock } = setup();
  runner.launch(task('t1', 5));
  await tick();
  runner.kill('t1');
  const p = processes.get('t1');
  t.deepEqual(p?.signals, ['SIGTERM']);
  clock.advance(4999);
  t.deepEqual(p?.signals, ['SIGTERM']);
  clock.advance(1);
  t.deepEqual(p?.signals, ['SIGTERM', 'SIGKILL']);
  p?.end({ signal: 'SIGKILL' });
  await tick();
  t.is(updates.at(-1), 't1:TASK_KILLED');
});

test('the grace in the KILL event beats the task and default ones; default is 3 s', async (t) => {
  const { runner, processes, clock } = setup();
  runner.launch(task('t1', 60));
  runner.launch(task('t2'));
  await tick();
  runner.kill('t1', { grace_period: { nanoseconds: 1e9 } });
  runner.kill('t2');
  clock.advance(1000);
  t.deepEqual(processes.get('t1')?.signals, ['SIGTERM', 'SIGKILL']);
  t.deepEqual(processes.get('t2')?.signals, ['SIGTERM']);
  clock.advance(2000);
  t.deepEqual(processes.get('t2')?.signals, ['SIGTERM', 'SIGKILL']);
});

test('TASK_KILLING is sent first when the framework has the capability', async (t) => {
  const { runner, processes, updates } = setup({ killingState: true });
  runner.launch(task('t1'));
  await tick();
  runner.kill('t1');
  processes.get('t1')?.end({ signal: 'SIGTERM' });
  await tick();
  t.deepEqual(updates, ['t1:TASK_STARTING', 't1:TASK_RUNNING', 't1:TASK_KILLING', 't1:TASK_KILLED']);
});

test('in a group, one failure kills the rest; a finished task does not', async (t) => {
  const { runner, processes, updates } = setup();
  runner.launchGroup([task('a'), task('b'), task('c')]);
  await tick();
  processes.get('a')?.end({ exitCode: 0 });
  await tick();
  t.deepEqual(processes.get('b')?.signals, []);
  processes.get('b')?.end({ exitCode: 1 });
  await tick();
  t.deepEqual(processes.get('c')?.signals, ['SIGTERM']);
  processes.get('c')?.end({ signal: 'SIGTERM' });
  await tick();
  t.deepEqual(updates.filter((u) => /FINISHED|FAILED|KILLED/.test(u)), ['a:TASK_FINISHED', 'b:TASK_FAILED', 'c:TASK_KILLED']);
});

test('shutdown kills every task within the shutdown grace and then goes idle', async (t) => {
  const { runner, processes, clock, idleCount } = setup({ shutdownGraceMs: 500 });
  runner.launch(task('t1', 60));
  await tick();
  runner.shutdown();
  clock.advance(500);
  t.deepEqual(processes.get('t1')?.signals, ['SIGTERM', 'SIGKILL']);
  processes.get('t1')?.end({ signal: 'SIGKILL' });
  await tick();
  t.is(idleCount(), 1);
});

test('a kill that arrives while the task is starting is applied once it has started', async (t) => {
  const { runner, processes, updates } = setup();
  runner.launch(task('t1'));
  runner.kill('t1');
  await tick();
  t.deepEqual(processes.get('t1')?.signals, ['SIGTERM']);
  t.false(updates.includes('t1:TASK_RUNNING'));
});

test('a container limitation fails the task with its reason and message, even after exit 0', async (t) => {
  const clock = new FakeClock(0);
  let process: FakeProcess | undefined;
  const updates: { state: string; reason?: string; message?: string }[] = [];
  const runner = new TaskRunner({
    clock,
    startTask: async () => (process = fakeProcess()),
    sendUpdate: (u) => updates.push(u),
    onIdle: () => undefined,
  });
  runner.launch(task('t1'));
  await tick();
  process?.end({ exitCode: 0, reason: 'REASON_CONTAINER_LIMITATION_MEMORY', message: 'Memory limit exceeded' });
  await tick();
  t.deepEqual(updates.at(-1), { taskId: 't1', state: 'TASK_FAILED', reason: 'REASON_CONTAINER_LIMITATION_MEMORY', message: 'Memory limit exceeded' });
});
