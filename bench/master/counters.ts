/** What the simulated cluster counts; read twice (start and end of the window) to get rates. */
export interface Counters {
  /** Tasks in ACCEPTs the frameworks sent. */
  tasksAccepted: number;
  /** RUN_TASK events that reached simulated agents. */
  runTasks: number;
  /** Status updates the agents' POSTs got 202 for. */
  updatesSent: number;
  /** UPDATE events the frameworks received. */
  updatesReceived: number;
  /** ACKNOWLEDGE calls the frameworks got 202 for. */
  acksSent: number;
  /** ACKNOWLEDGE events relayed back to the agents: an update acknowledged end to end. */
  acksRelayed: number;
  /** Calls answered with something other than 202, or that failed on the socket. */
  callErrors: number;
}

export function newCounters(): Counters {
  return { tasksAccepted: 0, runTasks: 0, updatesSent: 0, updatesReceived: 0, acksSent: 0, acksRelayed: 0, callErrors: 0 };
}

export function difference(later: Counters, earlier: Counters): Counters {
  const out = newCounters();
  for (const key of Object.keys(out) as (keyof Counters)[]) out[key] = later[key] - earlier[key];
  return out;
}
