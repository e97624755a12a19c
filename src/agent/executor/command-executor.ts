/**
 * Mesos' command executor as a process (`--command_executor=process`): runs the one command task
 * it is launched for and reports STARTING, RUNNING and FINISHED/FAILED/KILLED to the agent.
 * Started by the agent with `node --import tsx command-executor.ts` and the MESOS_* environment.
 */
import { runExecutorProcess } from './process-main.ts';

const code = await runExecutorProcess(process.env, (line) => process.stderr.write(`command-executor: ${line}\n`));
process.exit(code);
