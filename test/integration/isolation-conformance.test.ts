/**
 * The shared containerizer conformance suite against every backend on the real host: posix
 * processes, linux cgroups (as root) and the Docker engine. Nothing here skips: a host without
 * writable cgroups or a Docker engine fails these tests, as CI must.
 */
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/lib/clock.ts';
import { registerConformanceSuite } from '../../src/isolation/conformance.ts';
import { createDockerContainerizer } from '../../src/isolation/docker/docker-containerizer.ts';
import { removeCgroupRoot } from '../../src/isolation/linux/cgroups.ts';
import { createLinuxContainerizer } from '../../src/isolation/linux/linux-containerizer.ts';
import { createPosixContainerizer } from '../../src/isolation/posix/posix-containerizer.ts';
import { ensureBusyboxImage, TEST_IMAGE } from '../../src/testing/docker-images.ts';

const runDir = mkdtempSync(join(tmpdir(), 'isolation-linux-run-'));
// A root of its own, so these tests never touch the containers of an agent running on this host.
const cgroupsRoot = `mesos-test-${process.pid}`;
test.after.always(() => removeCgroupRoot('/sys/fs/cgroup', cgroupsRoot));
const dockerScope = mkdtempSync(join(tmpdir(), 'isolation-docker-scope-'));

test.before(async () => {
  await ensureBusyboxImage();
});

registerConformanceSuite('posix', () => createPosixContainerizer({ clock: systemClock, recoveredPollMs: 20 }), {
  hostPids: true, enforcesLimits: false,
});

registerConformanceSuite('linux', () => createLinuxContainerizer({ clock: systemClock, runDir, cgroupsRoot, recoveredPollMs: 20, oomPollMs: 20 }), {
  hostPids: true, enforcesLimits: true,
});

registerConformanceSuite('docker', () => createDockerContainerizer({ clock: systemClock, scope: dockerScope, defaultImage: TEST_IMAGE }), {
  hostPids: false, enforcesLimits: true, setsArgv0: false,
});
