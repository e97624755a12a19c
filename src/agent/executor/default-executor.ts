/**
 * Mesos' default executor as a process: runs task groups (LAUNCH_GROUP), each task in its own
 * process group; when a task fails or is killed the rest of its group is killed (pod semantics).
 * Started by the agent with `node --import tsx default-executor.ts` and the MESOS_* environment.
 */
import { runExecutorProcess } from './process-main.ts';

const code = await runExecutorProcess(process.env, (line) => process.stderr.write(`default-executor: ${line}\n`));
process.exit(code);
