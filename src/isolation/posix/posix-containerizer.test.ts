import { systemClock } from '../../lib/clock.ts';
import { registerConformanceSuite } from '../conformance.ts';
import { createPosixContainerizer } from './posix-containerizer.ts';

registerConformanceSuite('posix', () => createPosixContainerizer({ clock: systemClock, recoveredPollMs: 20 }), { hostPids: true });
registerConformanceSuite('posix (direct fork)', () => createPosixContainerizer({ clock: systemClock, recoveredPollMs: 20, spawner: 'direct' }), { hostPids: true });
