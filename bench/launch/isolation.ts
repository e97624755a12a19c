/**
 * Containerizer launch benchmarks, backend by backend, on this host (root, real cgroups, a real
 * Docker engine). No master or agent: the backends are driven directly, as the agent drives them.
 * One JSON line per scenario on stdout:
 *
 *   <backend>-latency  single `true` launches one after another: launch() call to resolve
 *                      (p50_ms/p99_ms), and launch to the end reported by wait() (run_p50_ms/run_p99_ms)
 *   linux-1000         1,000 `true` containers launched (at most --concurrency at once), waited
 *                      for and destroyed; seconds from the first launch to the last destroy
 *   docker-overhead    launch+wait+destroy of `true` in the busybox test image through the backend,
 *                      against a bare `docker run --rm` of the same image (the CLI) and the same
 *                      create/start/wait/remove done straight with dockerode; medians and overhead_ms
 *
 * Usage: node --import tsx bench/launch/isolation.ts [-- --latency_samples 100 --tasks 1000
 *        --concurrency 50 --docker_samples 20 --scenario linux-latency,linux-1000,...]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { systemClock } from '../../src/lib/clock.ts';
import type { Containerizer, LaunchSpec } from '../../src/isolation/containerizer.ts';
import { createDockerContainerizer } from '../../src/isolation/docker/docker-containerizer.ts';
import { removeCgroupRoot } from '../../src/isolation/linux/cgroups.ts';
import { createLinuxContainerizer } from '../../src/isolation/linux/linux-containerizer.ts';
import { createPosixContainerizer } from '../../src/isolation/posix/posix-containerizer.ts';
import { ensureBusyboxImage, TEST_IMAGE } from '../../src/testing/docker-images.ts';
import { parseFlags } from '../lib/args.ts';
import { emitResult, loadAverage1m, progress, round } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';

const flags = parseFlags(process.argv.slice(2), {
  latency_samples: 100,
  tasks: 1000,
  concurrency: 50,
  docker_samples: 20,
  scenario: 'posix-latency,linux-latency,docker-latency,linux-1000,docker-overhead',
});
const scenarios = new Set(flags.scenario.split(','));
const run = promisify(execFile);
const cgroupsRoot = `mesos-bench-${process.pid}`;
const docker = new Docker();

function trueSpec(sandbox: string): LaunchSpec {
  return { command: { shell: false, value: '/bin/true', arguments: ['/bin/true'], environment: { PATH: '/usr/bin:/bin' } }, sandbox, resources: { cpus: 0.1, mem: 32 } };
}

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

async function latency(name: string, backend: Containerizer, samples: number, workDir: string): Promise<void> {
  const launchMs: number[] = [];
  const runMs: number[] = [];
  // A few unreported launches first, so module loading and JIT do not count.
  for (let i = -3; i < samples; i++) {
    const id = `${name}-${i + 3}`;
    const start = process.hrtime.bigint();
    await backend.launch(id, trueSpec(join(workDir, id)));
    const launched = elapsedMs(start);
    await backend.wait(id);
    const ran = elapsedMs(start);
    await backend.destroy(id);
    if (i >= 0) {
      launchMs.push(launched);
      runMs.push(ran);
    }
  }
  emitResult({
    bench: 'launch', scenario: `${name}-latency`, samples,
    p50_ms: round(percentile(launchMs, 50), 2), p99_ms: round(percentile(launchMs, 99), 2),
    run_p50_ms: round(percentile(runMs, 50), 2), run_p99_ms: round(percentile(runMs, 99), 2),
    load_1m: loadAverage1m(),
  });
}

async function linuxMany(backend: Containerizer, tasks: number, concurrency: number, workDir: string): Promise<void> {
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks) {
      const id = `many-${next++}`;
      try {
        await backend.launch(id, trueSpec(join(workDir, id)));
        const ended = await backend.wait(id);
        if (ended.exitCode !== 0) failures++;
      } catch {
        failures++;
      }
      await backend.destroy(id);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  emitResult({ bench: 'launch', scenario: 'linux-1000', tasks, concurrency, failures, seconds: round(elapsedMs(start) / 1000, 2), load_1m: loadAverage1m() });
}

async function dockerOverhead(backend: Containerizer, samples: number, workDir: string): Promise<void> {
  const ours: number[] = [];
  const cli: number[] = [];
  const api: number[] = [];
  for (let i = -2; i < samples; i++) {
    const id = `overhead-${i + 2}`;
    let start = process.hrtime.bigint();
    await backend.launch(id, { ...trueSpec(join(workDir, id)), containerInfo: { type: 'DOCKER', docker: { image: TEST_IMAGE } } });
    await backend.wait(id);
    await backend.destroy(id);
    const oursMs = elapsedMs(start);

    start = process.hrtime.bigint();
    await run('docker', ['run', '--rm', '--network=host', TEST_IMAGE, '/bin/true']);
    const cliMs = elapsedMs(start);

    start = process.hrtime.bigint();
    const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['/bin/true'], HostConfig: { NetworkMode: 'host' } });
    await container.start();
    await container.wait();
    await container.remove({ force: true });
    const apiMs = elapsedMs(start);
    if (i >= 0) {
      ours.push(oursMs);
      cli.push(cliMs);
      api.push(apiMs);
    }
  }
  const median = (xs: number[]): number => round(percentile(xs, 50), 1);
  emitResult({
    bench: 'launch', scenario: 'docker-overhead', samples,
    backend_p50_ms: median(ours), docker_run_p50_ms: median(cli), dockerode_p50_ms: median(api),
    overhead_ms: round(median(ours) - median(cli), 1), overhead_vs_api_ms: round(median(ours) - median(api), 1),
    load_1m: loadAverage1m(),
  });
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'bench-isolation-'));
  const linux = createLinuxContainerizer({ clock: systemClock, runDir: join(workDir, 'linux-run'), cgroupsRoot });
  const dockerBackend = createDockerContainerizer({ clock: systemClock, scope: workDir, defaultImage: TEST_IMAGE });
  // Backends may unref what they wait on (an agent's server keeps it alive); this stands in for it.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    if (scenarios.has('posix-latency')) {
      const posix = createPosixContainerizer({ clock: systemClock });
      progress('posix latency');
      await latency('posix', posix, flags.latency_samples, workDir);
      await posix.close?.();
    }
    if (scenarios.has('linux-latency')) {
      progress('linux latency');
      await latency('linux', linux, flags.latency_samples, workDir);
    }
    if (scenarios.has('docker-latency') || scenarios.has('docker-overhead')) await ensureBusyboxImage(docker);
    if (scenarios.has('docker-latency')) {
      progress('docker latency');
      await latency('docker', dockerBackend, flags.docker_samples, workDir);
    }
    if (scenarios.has('linux-1000')) {
      progress(`linux: ${flags.tasks} containers, ${flags.concurrency} at a time`);
      await linuxMany(linux, flags.tasks, flags.concurrency, workDir);
    }
    if (scenarios.has('docker-overhead')) {
      progress('docker overhead against docker run');
      await dockerOverhead(dockerBackend, flags.docker_samples, workDir);
    }
  } finally {
    clearInterval(keepAlive);
    await linux.close?.();
    await dockerBackend.close?.();
    await removeCgroupRoot('/sys/fs/cgroup', cgroupsRoot);
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
