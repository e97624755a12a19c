/**
 * One `mesos execute` run: subscribe as a fresh framework, wait for an offer with room, launch
 * the task, print and acknowledge every update, and tear the framework down once the task ends.
 * Exit 0 only for TASK_FINISHED.
 */
import { randomUUID } from 'node:crypto';
import { SchedulerClient } from '../../sdk/index.ts';
import type { Offer, SchedulerClientOptions } from '../../sdk/index.ts';
import type { CliIo } from '../io.ts';
import { terminalLogger } from '../stderr-logger.ts';
import { ExitCode } from '../verb.ts';
import type { ExecuteOptions } from './options.ts';
import { isTerminal, statusLines } from './status-text.ts';
import { offerFits, taskInfoFor } from './task-for-offer.ts';

/** Offers that do not fit are declined for a while so the master offers them to others first. */
const DECLINE_FILTER = { refuse_seconds: 5 };

export interface ExecuteDeps {
  readonly newTaskId?: () => string;
  readonly clientOptions?: Partial<SchedulerClientOptions>;
}

export async function runExecute(options: ExecuteOptions, io: CliIo, deps: ExecuteDeps = {}): Promise<number> {
  const client = new SchedulerClient({
    master: options.master,
    frameworkInfo: { user: options.user, name: options.name, roles: [options.role], capabilities: [{ type: 'MULTI_ROLE' }] },
    logger: terminalLogger(io, 'mesos execute'),
    ...deps.clientOptions,
  });
  const taskId = deps.newTaskId?.() ?? `${options.name}-${randomUUID().slice(0, 8)}`;
  let stopSignal: string | undefined;
  void io.stopRequested().then((signal) => {
    stopSignal = signal;
    client.close();
  });

  try {
    return await followUntilDone(client, options, io, taskId, () => stopSignal);
  } finally {
    // Every way out ends the client, so a zk:// master's ZooKeeper session never outlives the command.
    client.close();
  }
}

async function followUntilDone(client: SchedulerClient, options: ExecuteOptions, io: CliIo, taskId: string, stopSignalOf: () => string | undefined): Promise<number> {
  let launched = false;
  let toldAboutSmallOffers = false;
  try {
    for await (const event of client.events()) {
      switch (event.type) {
        case 'SUBSCRIBED':
          io.out(`Subscribed with ID ${event.subscribed?.framework_id.value ?? '?'}`);
          break;
        case 'OFFERS': {
          const offers = event.offers?.offers ?? [];
          const chosen = launched ? undefined : offers.find((offer) => offerFits(offer, options));
          const others = offers.filter((offer) => offer !== chosen);
          if (others.length > 0) await client.decline(others.map((o) => o.id), DECLINE_FILTER);
          if (chosen) {
            launched = true;
            await launch(client, chosen, options, taskId, io);
          } else if (!launched && !toldAboutSmallOffers && offers.length > 0) {
            toldAboutSmallOffers = true;
            io.out(`Waiting for an offer with cpus ${options.cpus} and mem ${options.mem} MB; declined ${offers.length} smaller one(s)`);
          }
          break;
        }
        case 'UPDATE': {
          const status = event.update?.status;
          if (!status) break;
          for (const line of statusLines(status)) io.out(line);
          await client.acknowledge(status);
          if (status.task_id.value === taskId && isTerminal(status.state)) {
            await teardown(client, io);
            return status.state === 'TASK_FINISHED' ? ExitCode.ok : ExitCode.failed;
          }
          break;
        }
        case 'ERROR':
          io.err(`Master sent an error: ${event.error?.message ?? '(no message)'}`);
          return ExitCode.failed;
        default:
          break;
      }
    }
  } catch (err) {
    io.err(`mesos execute: ${err instanceof Error ? err.message : String(err)}`);
    await teardown(client, io);
    return ExitCode.failed;
  }
  const stopSignal = stopSignalOf();
  if (stopSignal) {
    io.err(`Stopped by ${stopSignal}; tearing down the framework`);
    await teardown(client, io);
  }
  return ExitCode.failed;
}

async function launch(client: SchedulerClient, offer: Offer, options: ExecuteOptions, taskId: string, io: CliIo): Promise<void> {
  io.out(`Submitted task '${options.name}' (id ${taskId}) to agent ${offer.agent_id.value} on ${offer.hostname}`);
  await client.launch(offer, [taskInfoFor(offer, options, taskId)]);
}

async function teardown(client: SchedulerClient, io: CliIo): Promise<void> {
  if (client.frameworkId === undefined) return;
  try {
    await client.teardown();
  } catch (err) {
    io.err(`Could not tear down framework ${client.frameworkId}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    client.close();
  }
}
