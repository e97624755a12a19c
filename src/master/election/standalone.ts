/**
 * Standalone election (`mesos local`, no `--zk`): the only master elects itself at once and
 * tells the detector it is the leader, so redirects and `/master/redirect` work the same way.
 */
import type { StandaloneMasterDetector } from '../../lib/zookeeper/detector.ts';
import { decodeMasterInfo } from '../../lib/zookeeper/membership.ts';
import type { MasterInfoWire } from '../wire.ts';
import { type Candidacy, CandidacyState, type MasterContender } from './contender.ts';

export class StandaloneMasterContender implements MasterContender {
  constructor(private readonly detector?: StandaloneMasterDetector) {}

  contend(info: MasterInfoWire): Promise<Candidacy> {
    const candidacy = new CandidacyState(() => {
      this.detector?.appoint(null);
      return Promise.resolve();
    });
    // Through the codec, as a ZooKeeper detector would read it, so both modes hand out the same shape.
    this.detector?.appoint(decodeMasterInfo(JSON.stringify(info)));
    candidacy.markElected();
    return Promise.resolve(candidacy);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
