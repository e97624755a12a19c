import test from 'ava';
import { Resources } from '../../lib/resources/index.ts';
import { ValidationError } from '../../lib/errors.ts';
import { FakeClock } from '../../lib/clock.ts';
import { HierarchicalAllocator } from './allocator.ts';
import { Harness, byFramework, seededRandom, sumScalar } from './test-harness.ts';
import type { DeliveredOffer } from './test-harness.ts';

/** A framework that runs one task per offer when it fits, hands back the rest, declines what does not fit. */
function launchOneTask(h: Harness, offer: DeliveredOffer, taskSpec: string): boolean {
  const task = Resources.parse(taskSpec).allocate(offer.role);
  if (!offer.resources.contains(task)) {
    h.recover(offer, 3600);
    return false;
  }
  const rest = offer.resources.minus(task);
  if (!rest.isEmpty()) h.allocator.recoverResources(offer.frameworkId, offer.agentId, rest);
  return true;
}

test('a cpu-heavy and a memory-heavy framework converge to equal dominant shares', (t) => {
  // Cluster: 10 x (10 cpus, 10240 mem) = 100 cpus, 102400 mem.
  // mem-heavy tasks <1 cpu, 4096 mem> (4% of mem each); cpu-heavy tasks <3 cpus, 1024 mem> (3% of cpus).
  // DRF equalizes 4% * a = 3% * b under 4a + b <= 100 (mem binds): a ~ 18.75, b = 25, both shares ~ 0.75.
  const h = new Harness();
  for (let i = 0; i < 10; i++) h.addAgent(`a${i}`, 'cpus:10;mem:10240');
  h.allocator.addFramework('mem-heavy', { roles: ['*'] });
  h.allocator.addFramework('cpu-heavy', { roles: ['*'] });
  const tasks = new Map<string, number>([['mem-heavy', 0], ['cpu-heavy', 0]]);
  for (let round = 0; round < 200; round++) {
    const offers = h.round();
    if (offers.length === 0) break;
    for (const offer of offers) {
      const spec = offer.frameworkId === 'mem-heavy' ? 'cpus:1;mem:4096' : 'cpus:3;mem:1024';
      if (launchOneTask(h, offer, spec)) tasks.set(offer.frameworkId, (tasks.get(offer.frameworkId) ?? 0) + 1);
    }
    h.clock.advance(1000);
  }
  const memShare = ((tasks.get('mem-heavy') ?? 0) * 4096) / 102400;
  const cpuShare = ((tasks.get('cpu-heavy') ?? 0) * 3) / 100;
  t.true(memShare >= 0.6 && cpuShare >= 0.6, `shares ${memShare} / ${cpuShare}`);
  t.true(Math.abs(memShare - cpuShare) <= 0.04 + 1e-9, `dominant shares differ by more than one task: ${memShare} vs ${cpuShare}`);
  t.is(h.allocator.frameworkShare('mem-heavy', '*'), memShare);
  t.is(h.allocator.frameworkShare('cpu-heavy', '*'), cpuShare);
});

test('role weights 2:1 give 2:1 allocations', (t) => {
  // 30 identical agents offered one round. Weighted shares a/2 and b/1 stay level, so role a
  // ends with 20 agents (share 20/30 / 2 = 1/3) and role b with 10 (10/30 = 1/3).
  const h = new Harness();
  h.allocator.updateWeights([{ role: 'a', weight: 2 }]);
  for (let i = 0; i < 30; i++) h.addAgent(`a${i}`, 'cpus:1;mem:100');
  h.allocator.addFramework('fa', { roles: ['a'] });
  h.allocator.addFramework('fb', { roles: ['b'] });
  const offers = h.round();
  t.is(byFramework(offers, 'fa').length, 20);
  t.is(byFramework(offers, 'fb').length, 10);
  t.true(Math.abs(h.allocator.roleShare('a') - 1 / 3) < 1e-9);
  t.true(Math.abs(h.allocator.roleShare('b') - 1 / 3) < 1e-9);
});

test('a declined agent is not re-offered until its filter expires, and is after', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['*'] });
  const [first] = h.round();
  t.truthy(first);
  h.recover(first as DeliveredOffer, 10);
  t.deepEqual(h.round(), []);
  h.clock.advance(9_000);
  t.deepEqual(h.round(), [], 'still filtered at 9 s of 10');
  h.clock.advance(1_001);
  const again = h.round();
  t.is(again.length, 1);
  t.is(again[0]?.resources.scalar('cpus'), 4);
});

test('a filter only hides offers that are a subset of what was refused', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['*'] });
  const [offer] = h.round() as [DeliveredOffer];
  // Decline only half the cpus with a long filter, keep the rest: the refused part is filtered...
  const half = Resources.parse('cpus:2;mem:512').allocate('*');
  h.allocator.recoverResources('f', 'a1', half, { refuseSeconds: 3600 });
  t.deepEqual(h.round(), []);
  // ...but once more comes back (the kept half), the agent's free set is no longer a subset.
  h.allocator.recoverResources('f', 'a1', offer.resources.minus(half));
  const next = h.round();
  t.is(next.length, 1);
  t.is(next[0]?.resources.scalar('cpus'), 4);
});

test('refuseSeconds 0 installs no filter, and a short filter lasts at least the allocation interval', (t) => {
  const h = new Harness({ allocationIntervalMs: 5000 });
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['*'] });
  const [o1] = h.round() as [DeliveredOffer];
  h.recover(o1, 0);
  const [o2] = h.round() as [DeliveredOffer];
  t.truthy(o2, 're-offered at once with refuse_seconds 0');
  h.recover(o2, 1); // 1 s, raised to the 5 s interval
  h.clock.advance(4_000);
  t.deepEqual(h.round(), []);
  h.clock.advance(1_000);
  t.is(h.round().length, 1);
});

test('revive clears filters', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['*'] });
  h.recover(h.round()[0] as DeliveredOffer, 86_400);
  t.deepEqual(h.round(), []);
  h.allocator.reviveOffers('f', []);
  t.is(h.round().length, 1);
});

test('suppress stops offers for the role until revive', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['r1', 'r2'] });
  h.allocator.suppressOffers('f', []);
  t.deepEqual(h.round(), []);
  t.deepEqual(h.allocator.whyNoOffers('f')?.suppressedRoles.sort(), ['r1', 'r2']);
  h.allocator.reviveOffers('f', ['r2']);
  const offers = h.round();
  t.is(offers.length, 1);
  t.is(offers[0]?.role, 'r2');
});

test('quota guarantee is met before fair share', (t) => {
  // 4 agents x 2 cpus. Role q has a tiny weight, so DRF alone would give it one agent (2 cpus)
  // and z the other three. With a guarantee of 4 cpus, stage 1 gives q 4 cpus first.
  const setup = (withQuota: boolean) => {
    const h = new Harness();
    h.allocator.updateWeights([{ role: 'q', weight: 0.001 }]);
    if (withQuota) h.allocator.updateQuota('q', { guarantees: { cpus: 4 } });
    for (let i = 0; i < 4; i++) h.addAgent(`a${i}`, 'cpus:2;mem:1024');
    h.allocator.addFramework('fq', { roles: ['q'] });
    h.allocator.addFramework('fz', { roles: ['z'] });
    return h.round();
  };
  const without = setup(false);
  t.is(sumScalar(byFramework(without, 'fq'), 'cpus'), 2, 'control: DRF alone gives q one agent');
  const withQuota = setup(true);
  t.is(sumScalar(byFramework(withQuota, 'fq'), 'cpus'), 4);
  t.is(sumScalar(byFramework(withQuota, 'fz'), 'cpus'), 4);
});

test('unmet guarantees keep headroom: other roles do not get the unreserved resources they need', (t) => {
  // Role g is guaranteed 4 cpus but has no framework yet; 3 agents x 2 cpus. Role o may take
  // only what leaves 4 cpus free: one agent.
  const h = new Harness();
  h.allocator.updateQuota('g', { guarantees: { cpus: 4 } });
  for (let i = 0; i < 3; i++) h.addAgent(`a${i}`, 'cpus:2;mem:1024');
  h.allocator.addFramework('fo', { roles: ['o'] });
  t.is(sumScalar(h.round(), 'cpus'), 2);
  h.allocator.addFramework('fg', { roles: ['g'] });
  t.is(sumScalar(byFramework(h.round(), 'fg'), 'cpus'), 4);
});

test('limits cap what a role consumes, counting outstanding offers', (t) => {
  // Limit 3 cpus, agents of 2 cpus: one whole agent plus one cpu chopped off a second.
  const h = new Harness();
  h.allocator.updateQuota('l', { limits: { cpus: 3 } });
  for (let i = 0; i < 4; i++) h.addAgent(`a${i}`, 'cpus:2;mem:1024');
  h.allocator.addFramework('fl', { roles: ['l'] });
  const first = h.round();
  t.is(sumScalar(first, 'cpus'), 3);
  t.deepEqual(h.round(), [], 'the limit is reached while the offers are outstanding');
  t.true((h.allocator.whyNoOffers('fl')?.quotaCapped ?? 0) > 0);
  h.allocator.addFramework('fo', { roles: ['o'] });
  t.is(sumScalar(byFramework(h.round(), 'fo'), 'cpus'), 5, 'the rest goes to an unlimited role');
});

test('reserved resources go only to their role', (t) => {
  // Role alpha sorts first (name) but may only take the unreserved part; zeta gets its reservation.
  const h = new Harness();
  h.addAgent('a1', 'cpus(zeta):2;mem(zeta):512;cpus:1;mem:128');
  h.allocator.addFramework('fa', { roles: ['alpha'] });
  h.allocator.addFramework('fz', { roles: ['zeta'] });
  const offers = h.round();
  const alpha = byFramework(offers, 'fa');
  const zeta = byFramework(offers, 'fz');
  t.is(alpha.length, 1);
  t.true(alpha[0]?.resources.reserved().isEmpty());
  t.is(alpha[0]?.resources.scalar('cpus'), 1);
  t.is(zeta.length, 1);
  t.is(zeta[0]?.resources.reserved('zeta').scalar('cpus'), 2);
  t.is(zeta[0]?.resources.unreserved().scalar('cpus'), 0);
});

test('outstanding offers count as allocated', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('fa', { roles: ['*'] });
  h.allocator.addFramework('fb', { roles: ['*'] });
  const [offer] = h.round() as [DeliveredOffer];
  t.is(offer.frameworkId, 'fa', 'equal shares and allocations: name breaks the tie');
  t.is(h.allocator.frameworkShare('fa', '*'), 1, 'the whole cluster is offered to fa');
  t.deepEqual(h.round(), [], 'nothing left to offer fb while fa holds the offer');
  h.recover(offer);
  // fa is back to share 0 but has one allocation behind it, so fb goes first now.
  t.is(h.round()[0]?.frameworkId, 'fb');
});

test('offers carry allocation_info for their role', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['web'] });
  const [offer] = h.round() as [DeliveredOffer];
  t.true(offer.resources.toWire().every((r) => r.allocation_info?.role === 'web'));
});

test('removed frameworks and agents leave no trace', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['r'] });
  h.round();
  h.allocator.removeFramework('f');
  let snap = h.allocator.snapshot();
  t.is(snap.frameworks, 0);
  t.deepEqual(snap.roles, []);
  t.deepEqual(snap.allocatedByAgent.get('a1'), {});
  h.allocator.addFramework('g', { roles: ['r'] });
  const [offer] = h.round() as [DeliveredOffer];
  t.is(offer.resources.scalar('cpus'), 4, 'the removed framework\'s offer came back');
  h.recover(offer, 3600);
  t.is(h.allocator.snapshot().filters, 1);
  h.allocator.removeAgent('a1');
  snap = h.allocator.snapshot();
  t.is(snap.agents, 0);
  t.is(snap.filters, 0);
  t.is(h.allocator.frameworkShare('g', 'r'), 0);
  t.is(h.allocator.roleShare('r'), 0);
});

test('min allocatable: slivers are not offered; per-framework minimums override the default', (t) => {
  const h = new Harness();
  h.addAgent('tiny', 'cpus:0.005;mem:16');
  h.allocator.addFramework('f', { roles: ['*'] });
  t.deepEqual(h.round(), [], 'below cpus:0.01 and below mem:32');
  h.addAgent('cpu-only', 'cpus:0.01;mem:16');
  t.deepEqual(h.round().map((o) => o.agentId), ['cpu-only'], 'cpus:0.01 alone is enough (OR)');

  const h2 = new Harness();
  h2.addAgent('a1', 'cpus:2;mem:1024');
  h2.allocator.addFramework('big', { roles: ['*'], minAllocatable: { '*': [{ cpus: 4 }] } });
  h2.allocator.addFramework('small', { roles: ['*'] });
  const offers = h2.round();
  t.deepEqual(offers.map((o) => o.frameworkId), ['small'], 'big goes first by name but wants 4 cpus');
  t.is(h2.allocator.whyNoOffers('big')?.belowMinimum, 1);
});

test('inactive frameworks get nothing and inactive agents give nothing', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['*'] }, new Map(), false);
  t.deepEqual(h.round(), []);
  t.false(h.allocator.whyNoOffers('f')?.active);
  h.allocator.activateFramework('f');
  h.allocator.deactivateAgent('a1');
  t.deepEqual(h.round(), []);
  h.allocator.activateAgent('a1');
  t.is(h.round().length, 1);
});

test('resources in use when an agent is added count as allocated', (t) => {
  const h = new Harness();
  h.allocator.addFramework('f', { roles: ['r'] });
  const used = new Map([['f', Resources.parse('cpus:3;mem:512').allocate('r')]]);
  h.allocator.addAgent('a1', { hostname: 'h' }, Resources.parse('cpus:4;mem:1024'), used);
  const [offer] = h.round() as [DeliveredOffer];
  t.is(offer.resources.scalar('cpus'), 1);
  t.is(offer.resources.scalar('mem'), 512);
  t.is(h.allocator.frameworkShare('f', 'r'), 1, 'used (3 cpus) plus offered (1 cpu) is the whole cluster');
});

test('allocate() requests are coalesced into one round; start() runs one per interval', (t) => {
  const h = new Harness({ allocationIntervalMs: 1000 });
  h.allocator.addFramework('f', { roles: ['*'] });
  h.addAgent('a1', 'cpus:1;mem:128');
  h.addAgent('a2', 'cpus:1;mem:128');
  h.allocator.allocate();
  h.allocator.allocate();
  h.clock.advance(0);
  t.is(h.offers.length, 2);
  t.is(h.allocator.whyNoOffers('f')?.round, 1, 'one round for all the requests');
  h.allocator.start();
  h.clock.advance(3000);
  t.is(h.allocator.whyNoOffers('f')?.round, 4);
  h.allocator.stop();
  h.clock.advance(5000);
  t.is(h.allocator.whyNoOffers('f')?.round, 4);
  t.is(h.clock.pending(), 0);
});

test('whyNoOffers names the filters that hid agents', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f', { roles: ['*'] });
  h.recover(h.round()[0] as DeliveredOffer, 60);
  h.round();
  const report = h.allocator.whyNoOffers('f');
  t.is(report?.offers, 0);
  t.is(report?.filtered, 1);
  t.deepEqual(report?.filters, [{ role: '*', agentId: 'a1', expiresAt: h.clock.now() + 60_000 }]);
  t.true(report?.reasons.some((r) => r.includes('decline filters')));
});

test('bad input is rejected with the field named', (t) => {
  const h = new Harness();
  const weight = t.throws(() => h.allocator.updateWeights([{ role: 'a', weight: -1 }]), { instanceOf: ValidationError });
  t.regex(weight?.message ?? '', /weights\[0\]\.weight/);
  const quota = t.throws(() => h.allocator.updateQuota('a', { guarantees: { cpus: 4 }, limits: { cpus: 2 } }), { instanceOf: ValidationError });
  t.regex(quota?.message ?? '', /quota\.guarantees\.cpus/);
  const negative = t.throws(() => h.allocator.updateQuota('a', { limits: { mem: Number.NaN } }), { instanceOf: ValidationError });
  t.regex(negative?.message ?? '', /quota\.limits\.mem/);
  const minimum = t.throws(() => h.allocator.addFramework('f', { roles: ['*'], minAllocatable: { '*': [{ cpus: -1 }] } }), { instanceOf: ValidationError });
  t.regex(minimum?.message ?? '', /minAllocatable\.\*\[0\]\.cpus/);
  const role = t.throws(() => h.allocator.addFramework('g', { roles: ['ok', 'bad role'] }), { instanceOf: ValidationError });
  t.regex(role?.message ?? '', /roles\[1\]/);
  t.throws(() => h.allocator.updateWeights([{ role: 'a/../b', weight: 2 }]), { instanceOf: ValidationError, message: /weights\[0\]\.role/ });
  h.addAgent('a1', 'cpus:1;mem:128');
  t.throws(() => h.addAgent('a1', 'cpus:1;mem:128'), { instanceOf: ValidationError, message: /agent_id/ });
  t.notThrows(() => h.allocator.recoverResources('nobody', 'a1', Resources.parse('cpus:1')), 'a recover racing a removal is ignored');
});

test('once every framework has declined an agent, a newly added framework still gets it', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:4;mem:1024');
  h.allocator.addFramework('f1', { roles: ['*'] });
  h.allocator.addFramework('f2', { roles: ['*'] });
  h.recover(h.round()[0] as DeliveredOffer, 3600);
  h.recover(h.round()[0] as DeliveredOffer, 3600);
  t.deepEqual(h.round(), [], 'both declined');
  t.deepEqual(h.round(), [], 'and the agent stays skipped');
  h.allocator.addFramework('f3', { roles: ['*'] });
  t.deepEqual(h.round().map((o) => o.frameworkId), ['f3']);
});

test('quota accepts Resources, Maps and plain records alike', (t) => {
  const h = new Harness();
  h.allocator.updateQuota('a', { limits: Resources.parse('cpus:1;mem:64') });
  h.allocator.updateQuota('b', { limits: new Map([['cpus', 1]]) });
  for (let i = 0; i < 4; i++) h.addAgent(`a${i}`, 'cpus:2;mem:1024');
  h.allocator.addFramework('fa', { roles: ['a'] });
  h.allocator.addFramework('fb', { roles: ['b'] });
  const offers = h.round();
  t.is(sumScalar(byFramework(offers, 'fa'), 'cpus'), 1);
  t.is(sumScalar(byFramework(offers, 'fa'), 'mem'), 64);
  t.is(sumScalar(byFramework(offers, 'fb'), 'cpus'), 1);
});

test('a multi-role framework hands resources back to the role they were allocated to', (t) => {
  // Two agents, one framework in roles r1 and r2: each role gets one agent. Handing back both
  // offers merged in one Resources value must credit each role with its own part.
  const h = new Harness();
  h.addAgent('a1', 'cpus:2;mem:256');
  h.allocator.addFramework('f', { roles: ['r1', 'r2'] });
  h.allocator.addFramework('other', { roles: ['r1'] });
  const [first] = h.round() as [DeliveredOffer];
  t.is(first.role, 'r1');
  // Give part back with allocation_info intact, part without: the untagged part goes to the only holder.
  const half = Resources.parse('cpus:1;mem:128');
  h.allocator.recoverResources('f', 'a1', half.allocate('r1'));
  t.is(h.allocator.frameworkShare('f', 'r1'), 0.5);
  h.allocator.recoverResources('f', 'a1', half);
  t.is(h.allocator.frameworkShare('f', 'r1'), 0);
  t.is(h.allocator.roleShare('r1'), 0);
  // Now hold something in both roles on one agent, and return it all at once.
  h.allocator.addAgent('a2', { hostname: 'h' }, Resources.parse('cpus:4;mem:512'), new Map([['f', Resources.parse('cpus:1;mem:64').allocate('r1').plus(Resources.parse('cpus:2;mem:64').allocate('r2'))]]));
  t.true(h.allocator.frameworkShare('f', 'r2') > 0);
  h.allocator.recoverResources('f', 'a2', Resources.parse('cpus:1;mem:64').allocate('r1').plus(Resources.parse('cpus:2;mem:64').allocate('r2')));
  t.is(h.allocator.frameworkShare('f', 'r1'), 0);
  t.is(h.allocator.frameworkShare('f', 'r2'), 0);
  t.deepEqual(h.allocator.snapshot().allocatedByAgent.get('a2'), {});
});

test('updateFramework moves a framework to new roles; what it holds in an old role stays counted until returned', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:2;mem:256');
  h.addAgent('a2', 'cpus:2;mem:256');
  h.allocator.addFramework('f', { roles: ['old'] });
  const [first, second] = h.round() as [DeliveredOffer, DeliveredOffer];
  t.is(first.role, 'old');
  h.recover(second);
  h.allocator.updateFramework('f', { roles: ['new'] });
  const next = h.round();
  t.deepEqual(next.map((o) => o.role), ['new']);
  t.true(h.allocator.roleShare('old') > 0, 'the old role still holds the first offer');
  h.recover(first);
  t.deepEqual(h.allocator.snapshot().roles, ['new'], 'the old role is gone once nothing is held in it');
});

test('updateAgent changes what an agent offers, keeping what is allocated', (t) => {
  const h = new Harness();
  h.addAgent('a1', 'cpus:2;mem:256');
  h.allocator.addFramework('f', { roles: ['*'] });
  h.round();
  h.allocator.updateAgent('a1', Resources.parse('cpus:6;mem:768'));
  const [extra] = h.round() as [DeliveredOffer];
  t.is(extra.resources.scalar('cpus'), 4, 'only the growth is free');
  t.is(extra.resources.scalar('mem'), 512);
  t.is(h.allocator.frameworkShare('f', '*'), 1);
});

test('an onOffers callback that throws loses nothing: its offers are taken back, others still delivered', (t) => {
  const errors: unknown[] = [];
  const delivered: string[] = [];
  const clock = new FakeClock();
  const allocator = new HierarchicalAllocator({
    clock,
    random: seededRandom(1),
    onError: (e) => errors.push(e),
    onOffers: (frameworkId) => {
      if (frameworkId === 'broken') throw new Error('boom');
      delivered.push(frameworkId);
    },
  });
  allocator.addAgent('a1', { hostname: 'h1' }, Resources.parse('cpus:1;mem:128'));
  allocator.addAgent('a2', { hostname: 'h2' }, Resources.parse('cpus:1;mem:128'));
  allocator.addFramework('broken', { roles: ['*'] });
  allocator.addFramework('fine', { roles: ['*'] });
  allocator.runRound();
  t.deepEqual(delivered, ['fine']);
  t.is(errors.length, 1);
  const held = [...allocator.snapshot().allocatedByAgent.values()].filter((r) => Object.keys(r).length > 0);
  t.is(held.length, 1, 'only the delivered offer is still allocated');
});

test('revocable resources go only to frameworks with REVOCABLE_RESOURCES', (t) => {
  const h = new Harness();
  const total = Resources.parse('cpus:2;mem:256').plus(Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, revocable: {} }]));
  h.allocator.addAgent('a1', { hostname: 'h' }, total);
  h.allocator.addFramework('a-plain', { roles: ['*'] });
  h.allocator.addFramework('b-revocable', { roles: ['*'], capabilities: ['REVOCABLE_RESOURCES'] });
  const [first] = h.round() as [DeliveredOffer];
  t.is(first.frameworkId, 'a-plain');
  t.true(first.resources.revocable().isEmpty());
  t.is(first.resources.scalar('cpus'), 2);
  const [second] = h.round() as [DeliveredOffer];
  t.is(second.frameworkId, 'b-revocable');
  t.is(second.resources.revocable().scalar('cpus'), 1);
});

test('GPU agents go only to GPU_RESOURCES frameworks, also after a framework gains the capability', (t) => {
  const h = new Harness();
  h.addAgent('gpu', 'cpus:4;mem:1024;gpus:1');
  h.allocator.addFramework('f', { roles: ['*'] });
  t.deepEqual(h.round(), []);
  t.deepEqual(h.round(), [], 'still nothing (the agent is remembered as refused)');
  const report = h.allocator.whyNoOffers('f');
  t.is(report?.gpuOnly, 0, 'the remembered refusal skips the walk...');
  t.is(report?.refusedByAll, 1, '...and the report still says why');
  h.allocator.updateFramework('f', { roles: ['*'], capabilities: ['GPU_RESOURCES'] });
  const offers = h.round();
  t.is(offers.length, 1);
  t.is(offers[0]?.resources.scalar('gpus'), 1);
  // an update that only moves roles keeps the capability
  h.allocator.updateFramework('f', { roles: ['*', 'other'] });
  h.recover(offers[0] as DeliveredOffer);
  t.is(h.round()[0]?.resources.scalar('gpus'), 1);
});
