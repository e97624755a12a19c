/**
 * The agent's side of `spawner.js`: starts the helper once, sends it spawn requests and turns
 * its replies into a started promise and an exit promise per process. If the helper dies, every
 * pending launch fails and running processes are reported as ended without a status.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SpawnRequest {
  readonly file: string;
  readonly args: readonly string[];
  readonly argv0?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdout: string;
  readonly stderr: string;
  readonly uid?: number;
  readonly gid?: number;
}

export interface SpawnedProcess {
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Pending {
  started: (pid: number) => void;
  failed: (error: Error) => void;
  exited: (end: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

type Reply =
  | { op: 'spawned'; id: number; pid: number }
  | { op: 'failed'; id: number; message: string }
  | { op: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null };

const SPAWNER_PATH = fileURLToPath(new URL('./spawner.js', import.meta.url));

export class SpawnerClient {
  private helper: ChildProcess | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  private ensureHelper(): ChildProcess {
    if (this.helper?.connected) return this.helper;
    // execArgv: [] keeps the agent's loader flags (tsx) away from the plain-JS helper.
    const helper = fork(SPAWNER_PATH, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
    helper.on('message', (reply: Reply) => this.onReply(reply));
    helper.on('exit', () => this.onHelperExit(helper));
    helper.unref();
    (helper.channel as { unref?: () => void } | undefined)?.unref?.();
    this.helper = helper;
    return helper;
  }

  spawn(request: SpawnRequest): Promise<SpawnedProcess> {
    const helper = this.ensureHelper();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      let exited!: Pending['exited'];
      const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => { exited = r; });
      this.pending.set(id, {
        started: (pid) => resolve({ pid, exited: exitedPromise }),
        failed: (error) => { this.pending.delete(id); this.holdLoopWhilePending(helper); reject(error); },
        exited: (end) => { this.pending.delete(id); this.holdLoopWhilePending(helper); exited(end); },
      });
      this.holdLoopWhilePending(helper);
      helper.send({ op: 'spawn', id, ...request });
    });
  }

  /**
   * The channel is unref'd so an idle helper never keeps its host alive, but while a launch or an
   * exit is awaited the answer must be able to arrive: without a ref, a host with nothing else
   * to do (a test awaiting `wait`) sees an empty event loop and ends before the reply comes.
   */
  private holdLoopWhilePending(helper: ChildProcess): void {
    const channel = helper.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (this.pending.size > 0) channel?.ref?.();
    else channel?.unref?.();
  }

  /** Stops the helper; processes it started keep running. */
  close(): void {
    this.helper?.disconnect();
    this.helper = undefined;
  }

  private onReply(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.op === 'spawned') pending.started(reply.pid);
    else if (reply.op === 'failed') pending.failed(new Error(reply.message));
    else pending.exited({ code: reply.code, signal: reply.signal });
  }

  private onHelperExit(helper: ChildProcess): void {
    if (this.helper === helper) this.helper = undefined;
    for (const pending of this.pending.values()) {
      pending.failed(new Error('the spawner helper exited'));
      pending.exited({ code: null, signal: null });
    }
    this.pending.clear();
  }
}
