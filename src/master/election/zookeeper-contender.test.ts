/**
 * The contender's handling of a create lost mid-flight, which a real server cannot be made to
 * do on demand: a scripted session stands in. Everything else is tested against a real
 * ZooKeeper in test/integration/zk-election.test.ts.
 */
import test from 'ava';
import { ZkError, ZkCode } from '../../lib/zookeeper/errors.ts';
import type { CreateMode, ZkNode, ZkSession } from '../../lib/zookeeper/session.ts';
import { masterInfoFor } from '../master-info.ts';
import { ZooKeeperMasterContender } from './zookeeper-contender.ts';

/** Flat children of one election path; `create` can be told to drop its answer. */
class ScriptedSession implements ZkSession {
  readonly sessionId = '1';
  readonly lost = false;
  readonly nodes = new Map<string, string>();
  private sequence = 0;
  /** For the next create: 'landed' stores the node then reports connection loss; 'lost' only reports it. */
  nextCreate: 'ok' | 'landed' | 'lost' = 'ok';
  creates = 0;

  sessionCredentials() {
    return { id: '1', password: '' };
  }
  create(path: string, data: Buffer | string, _mode: CreateMode): Promise<string> {
    this.creates++;
    const outcome = this.nextCreate;
    this.nextCreate = 'ok';
    const name = `${path}${String(this.sequence++).padStart(10, '0')}`;
    if (outcome !== 'lost') this.nodes.set(name, data.toString());
    if (outcome !== 'ok') return Promise.reject(new ZkError(ZkCode.CONNECTION_LOSS, 'create', path, 'connection loss'));
    return Promise.resolve(name);
  }
  get(path: string): Promise<ZkNode> {
    const data = this.nodes.get(path);
    if (data === undefined) return Promise.reject(new ZkError(ZkCode.NO_NODE, 'get', path, 'no node'));
    return Promise.resolve({ data: Buffer.from(data), version: 0 });
  }
  getChildren(path: string): Promise<string[]> {
    return Promise.resolve([...this.nodes.keys()].filter((p) => p.startsWith(`${path}/`)).map((p) => p.slice(path.length + 1)));
  }
  delete(path: string): Promise<void> {
    this.nodes.delete(path);
    return Promise.resolve();
  }
  ensurePath(): Promise<void> {
    return Promise.resolve();
  }
  onLost(): () => void {
    return () => undefined;
  }
  exists(): Promise<number | null> {
    return Promise.reject(new Error('not scripted'));
  }
  set(): Promise<number> {
    return Promise.reject(new Error('not scripted'));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const info = masterInfoFor('5f0c6d4e-0000-4000-8000-00000000000a', '10.0.0.1', 5050, 'm1');

test('a create that landed before the connection dropped is adopted, not repeated', async (t) => {
  const session = new ScriptedSession();
  session.nextCreate = 'landed';
  const candidacy = await new ZooKeeperMasterContender({ session, path: '/mesos' }).contend(info);
  await candidacy.elected;
  t.is(session.creates, 1);
  t.deepEqual([...session.nodes.keys()], ['/mesos/json.info_0000000000']);
  t.true(candidacy.isLeader);
});

test('a create that never landed is made again, leaving exactly one member', async (t) => {
  const session = new ScriptedSession();
  session.nextCreate = 'lost';
  const candidacy = await new ZooKeeperMasterContender({ session, path: '/mesos' }).contend(info);
  await candidacy.elected;
  t.is(session.creates, 2);
  t.deepEqual([...session.nodes.keys()], ['/mesos/json.info_0000000001']);
});

test('another master holding different MasterInfo is not mistaken for ours', async (t) => {
  const session = new ScriptedSession();
  session.nodes.set('/mesos/json.info_0000000099', JSON.stringify(masterInfoFor('other', '10.0.0.2', 5050, 'm2')));
  session.nextCreate = 'lost';
  const candidacy = await new ZooKeeperMasterContender({ session, path: '/mesos' }).contend(info);
  t.is(session.creates, 2);
  t.is(session.nodes.size, 2);
  await candidacy.elected; // sequence 1 is below the other's 99
  t.true(candidacy.isLeader);
});
