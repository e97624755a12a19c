import { parseExecuteOptions } from '../execute/options.ts';
import { runExecute } from '../execute/session.ts';
import type { Verb } from '../verb.ts';

export const executeVerb: Verb = {
  name: 'execute',
  summary: 'Run one command as a task on the cluster and wait for it to end',
  help: `Usage: mesos execute --name=NAME --command=CMD [options]

Subscribes as a new framework, launches CMD (through /bin/sh) on the first offer with room,
prints every status update and exits 0 if the task ends TASK_FINISHED, 1 otherwise. The
framework is torn down before exiting.

Options:
  --master=MASTER        master to use: host:port, http://host:port, zk://host:port,.../path
                         (follows the leader ZooKeeper names, re-subscribing if it changes)
                         or file://PATH holding one (default MESOS_MASTER or 127.0.0.1:5050)
  --name=NAME            task and framework name (required)
  --command=CMD          shell command (required)
  --cpus=N               CPUs for the task (default 0.1)
  --mem=MB               memory for the task in MB (default 32)
  --docker_image=IMAGE   run the command in this Docker image
  --env=K=V              environment variable; repeat, separate with commas, or give a JSON object
  --role=ROLE            role to subscribe with (default *)
  --user=USER            user to run the task as (default $USER)`,
  run: (argv, io) => runExecute(parseExecuteOptions(argv, io.env), io),
};
