/**
 * Starts a task's command as a child of an executor process, in its own process group so a kill
 * reaches everything it forks. Output goes where the executor's goes (the sandbox files).
 */
import { spawn } from 'node:child_process';
import { commandEnvironment } from '../executor-launch.ts';
import type { TaskInfoWire } from '../wire.ts';
import type { ProcessEnd, TaskProcess } from './task-runner.ts';

export function startChildTask(task: TaskInfoWire, baseEnv: Readonly<Record<string, string | undefined>>): Promise<TaskProcess> {
  const command = task.command ?? { value: '' };
  const shell = command.shell !== false;
  const [file, args] = shell ? ['/bin/sh', ['-c', command.value ?? '']] : [command.value ?? '', (command.arguments ?? []).slice(1)];
  const child = spawn(file, args, { env: { ...baseEnv, ...commandEnvironment(command) }, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<ProcessEnd>((resolve) => {
    child.once('exit', (code, signal) => resolve(code !== null ? { exitCode: code } : { signal: signal ?? 'SIGKILL' }));
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => resolve({
      exited,
      signal: (signal) => {
        try {
          process.kill(-(child.pid ?? 0), signal);
        } catch {
          // The group is already gone.
        }
      },
    }));
  });
}
