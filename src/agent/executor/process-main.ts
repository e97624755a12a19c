/**
 * The body of our executor processes (command executor and default executor): read the
 * MESOS_* environment, subscribe to the agent, run tasks with the shared TaskRunner, and exit
 * once every task has ended and its updates are acknowledged (or on SHUTDOWN).
 */
import { systemClock } from '../../lib/clock.ts';
import { parseDuration } from '../../lib/flags.ts';
import { startChildTask } from './child-process-task.ts';
import { ExecutorConnection } from './executor-connection.ts';
import { TaskRunner } from './task-runner.ts';
import type { KillPolicyWire, TaskInfoWire } from '../wire.ts';

/** How long an idle executor waits for the agent's last ACKNOWLEDGED before exiting anyway. */
const ACK_WAIT_MS = 5000;

function required(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set; this program is started by the agent`);
  return value;
}

export async function runExecutorProcess(env: Readonly<Record<string, string | undefined>>, log: (line: string) => void): Promise<number> {
  const connection = new ExecutorConnection({
    agentEndpoint: required(env, 'MESOS_AGENT_ENDPOINT'),
    frameworkId: required(env, 'MESOS_FRAMEWORK_ID'),
    executorId: required(env, 'MESOS_EXECUTOR_ID'),
  });
  const shutdownGraceMs = env['MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD'] ? parseDuration(env['MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD']) : 5000;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  let runner: TaskRunner | undefined;
  const send = (taskId: string, state: string, message?: string): void => {
    connection.update(taskId, state, message !== undefined ? { message } : {}).catch((error: unknown) => log(`update failed: ${String(error)}`));
  };
  const makeRunner = (killingState: boolean): TaskRunner => new TaskRunner({
    clock: systemClock,
    startTask: (task) => startChildTask(task, env),
    sendUpdate: (u) => send(u.taskId, u.state, u.message),
    onIdle: () => {
      const timer = systemClock.setTimer(ACK_WAIT_MS, () => finish(0));
      void connection.allAcknowledged().then(() => { timer.cancel(); finish(0); });
    },
  }, { shutdownGraceMs: Math.max(0, shutdownGraceMs - 1000), killingState });

  connection.run((event) => {
    switch (event['type']) {
      case 'SUBSCRIBED': {
        const framework = (event['subscribed'] as { framework_info?: { capabilities?: { type: string }[] } }).framework_info;
        runner = makeRunner((framework?.capabilities ?? []).some((c) => c.type === 'TASK_KILLING_STATE'));
        break;
      }
      case 'LAUNCH':
        runner?.launch((event['launch'] as { task: TaskInfoWire }).task);
        break;
      case 'LAUNCH_GROUP':
        runner?.launchGroup((event['launch_group'] as { task_group: { tasks: TaskInfoWire[] } }).task_group.tasks);
        break;
      case 'KILL': {
        const kill = event['kill'] as { task_id: { value: string }; kill_policy?: KillPolicyWire };
        runner?.kill(kill.task_id.value, kill.kill_policy);
        break;
      }
      case 'SHUTDOWN':
        if (runner) runner.shutdown();
        else finish(0);
        break;
      case 'ERROR':
        log(`agent error: ${JSON.stringify(event['error'])}`);
        break;
      default:
        break;
    }
  }).then(
    () => finish(runner?.liveTasks().length ? 1 : 0), // The agent closed the stream.
    (error: unknown) => { log(`executor connection failed: ${String(error)}`); finish(1); },
  );
  return finished;
}
