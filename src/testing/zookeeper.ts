/**
 * A real ZooKeeper for tests: Debian's `zookeeper` package run as one standalone server or a
 * 3-node ensemble on free loopback ports, data in a temp dir. Nodes can be stopped and started
 * again to test failover. Always `stop()` in a teardown: it kills every JVM and removes the dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ZooKeeper from 'zookeeper';

const ZOOKEEPER_CLASSPATH = '/etc/zookeeper/conf:/usr/share/java/zookeeper.jar';
const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
const MAIN_CLASS = 'org.apache.zookeeper.server.quorum.QuorumPeerMain';

export interface ZooKeeperNode {
  readonly id: number;
  readonly clientPort: number;
  readonly running: boolean;
}

export interface ZooKeeperCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,...` for clients. */
  readonly connectString: string;
  readonly nodes: readonly ZooKeeperNode[];
  /** `zk://<connectString><path>` */
  url(path: string): string;
  /** Stops one node (1-based id), as a crash would (SIGKILL). */
  stopNode(id: number): Promise<void>;
  /** Starts a stopped node again with its data and waits until it serves. */
  startNode(id: number): Promise<void>;
  /** Stops every node and removes the data directory. */
  stop(): Promise<void>;
}

export interface StartZooKeeperOptions {
  /** 1 (standalone) or 3 (ensemble). */
  readonly nodes?: 1 | 3;
  /** ZooKeeper's tick; the minimum session timeout is twice this. */
  readonly tickMs?: number;
  readonly readyTimeoutMs?: number;
}

/** Whether this machine has the server (tests fail loudly without it; see scripts/install-deps.sh). */
export function zooKeeperInstalled(): boolean {
  return existsSync(ZOOKEEPER_JAR);
}

export async function startZooKeeper(options: StartZooKeeperOptions = {}): Promise<ZooKeeperCluster> {
  if (!zooKeeperInstalled()) throw new Error(`ZooKeeper server not found at ${ZOOKEEPER_JAR}: run scripts/install-deps.sh (apt-get install zookeeper)`);
  const count = options.nodes ?? 1;
  const tickMs = options.tickMs ?? 250;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const dir = await mkdtemp(join(tmpdir(), 'mesos-ts-zk-'));
  const ports = await freePorts(count * 3);
  const specs = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    clientPort: ports[i * 3] ?? 0,
    quorumPort: ports[i * 3 + 1] ?? 0,
    electionPort: ports[i * 3 + 2] ?? 0,
    dataDir: join(dir, `node${i + 1}`),
  }));
  const processes = new Map<number, ChildProcess>();
  const killAll = (): void => {
    for (const child of processes.values()) child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  for (const spec of specs) {
    await mkdir(spec.dataDir, { recursive: true });
    const lines = [
      `tickTime=${tickMs}`,
      'initLimit=20',
      'syncLimit=10',
      `dataDir=${spec.dataDir}`,
      `clientPort=${spec.clientPort}`,
      'clientPortAddress=127.0.0.1',
      'admin.enableServer=false',
      '4lw.commands.whitelist=srvr,ruok,cons',
      'maxClientCnxns=0',
      'minSessionTimeout=' + 2 * tickMs,
      'maxSessionTimeout=60000',
    ];
    if (count > 1) {
      for (const peer of specs) lines.push(`server.${peer.id}=127.0.0.1:${peer.quorumPort}:${peer.electionPort}`);
      await writeFile(join(spec.dataDir, 'myid'), `${spec.id}\n`);
    }
    await writeFile(join(dir, `zoo${spec.id}.cfg`), lines.join('\n') + '\n');
  }

  const launch = (id: number): void => {
    // Small heap, client compiler only: start-up speed matters more than throughput here. Short
    // peer-connect and election back-off so a peer that started late is found in one round.
    const child = spawn('java', ['-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Dzookeeper.jmx.log4j.disable=true', '-Dzookeeper.cnxTimeout=1000', '-Dzookeeper.fastleader.maxNotificationInterval=500', '-cp', ZOOKEEPER_CLASSPATH, MAIN_CLASS, join(dir, `zoo${id}.cfg`)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.resume();
    processes.set(id, child);
    child.once('exit', () => {
      if (processes.get(id) === child) processes.delete(id);
    });
  };
  const waitServing = async (port: number): Promise<void> => {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const answer = await fourLetterWord(port, 'srvr').catch(() => '');
      if (/Mode: (standalone|leader|follower)/.test(answer)) return;
      if (Date.now() > deadline) throw new Error(`ZooKeeper on port ${port} not serving after ${readyTimeoutMs} ms`);
      await sleep(100);
    }
  };
  const stopOne = async (id: number): Promise<void> => {
    const child = processes.get(id);
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };

  try {
    for (const spec of specs) launch(spec.id);
    await Promise.all(specs.map((spec) => waitServing(spec.clientPort)));
  } catch (error) {
    killAll();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const connectString = specs.map((s) => `127.0.0.1:${s.clientPort}`).join(',');
  return {
    connectString,
    get nodes() {
      return specs.map((s) => ({ id: s.id, clientPort: s.clientPort, running: processes.has(s.id) }));
    },
    url: (path) => `zk://${connectString}${path.startsWith('/') ? path : `/${path}`}`,
    stopNode: stopOne,
    async startNode(id) {
      const spec = specs.find((s) => s.id === id);
      if (!spec) throw new Error(`no ZooKeeper node ${id}`);
      if (!processes.has(id)) launch(id);
      await waitServing(spec.clientPort);
    },
    async stop() {
      await Promise.all(specs.map((s) => stopOne(s.id)));
      process.removeListener('exit', killAll);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Expires a live session the way ZooKeeper's own tests do: a second client attaches to the same
 * session id and closes it, so the server ends the session and the first client sees expiry.
 * The first client may win the session back before the close lands (the server then ignores the
 * close), so this repeats until the session reports itself lost.
 */
export async function expireSession(connectString: string, session: { readonly lost: boolean; sessionCredentials(): { id: string; password: string } }, attempts = 10): Promise<void> {
  const { id, password } = session.sessionCredentials();
  for (let attempt = 0; attempt < attempts && !session.lost; attempt++) {
    const twin = new ZooKeeper({ connect: connectString, timeout: 4000, client_id: id, client_password: password, debug_level: ZooKeeper.constants.ZOO_LOG_LEVEL_ERROR });
    const attached = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5000);
      twin.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
      twin.once('close', () => {
        clearTimeout(timer);
        resolve(false);
      });
      twin.init({});
    });
    await new Promise<void>((resolve) => {
      twin.once('close', () => resolve());
      twin.close();
      if (!attached) resolve();
    });
    for (let waited = 0; waited < 2000 && !session.lost; waited += 50) await sleep(50);
  }
  if (!session.lost) throw new Error(`could not expire ZooKeeper session ${id}`);
}

/** Sends a four-letter word (`srvr`, `ruok`) and returns the whole answer. */
export function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => socket.write(word));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Distinct free loopback ports, held open together so none is handed out twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}
