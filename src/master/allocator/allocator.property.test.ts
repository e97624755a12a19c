/**
 * Invariants over random event sequences: what is outstanding (offered and not handed back) on an
 * agent always fits in that agent's total and is exactly what the allocator counts as allocated
 * there, and offers only go to frameworks that exist, are
 * active and have not suppressed the role. The model here is independent of the allocator: it
 * only sees the offers delivered and the events sent.
 */
import test from 'ava';
import fc from 'fast-check';
import { FakeClock } from '../../lib/clock.ts';
import { Resources } from '../../lib/resources/index.ts';
import { HierarchicalAllocator } from './allocator.ts';
import { seededRandom } from './test-harness.ts';

const AGENT_SHAPES = ['cpus:4;mem:1024;ports:[31000-31009]', 'cpus:1;mem:64', 'cpus(r1):2;mem(r1):256;cpus:2;mem:512', 'cpus:8;mem:4096;disk:100', 'cpus:2;mem:512;gpus:1'];
const ROLES = ['*', 'r1', 'r2'];

const event = fc.oneof(
  fc.record({ kind: fc.constant('addFramework' as const), f: fc.nat(4), roles: fc.subarray(ROLES, { minLength: 1 }) }),
  fc.record({ kind: fc.constant('removeFramework' as const), f: fc.nat(4) }),
  fc.record({ kind: fc.constant('setFrameworkActive' as const), f: fc.nat(4), active: fc.boolean() }),
  fc.record({ kind: fc.constant('addAgent' as const), a: fc.nat(5), shape: fc.nat(AGENT_SHAPES.length - 1) }),
  fc.record({ kind: fc.constant('removeAgent' as const), a: fc.nat(5) }),
  fc.record({ kind: fc.constant('setAgentActive' as const), a: fc.nat(5), active: fc.boolean() }),
  fc.record({ kind: fc.constant('round' as const) }),
  fc.record({ kind: fc.constant('round' as const) }),
  fc.record({ kind: fc.constant('recover' as const), pick: fc.nat(), refuse: fc.option(fc.integer({ min: -1, max: 20 })) }),
  fc.record({ kind: fc.constant('suppress' as const), f: fc.nat(4), roles: fc.subarray(ROLES) }),
  fc.record({ kind: fc.constant('revive' as const), f: fc.nat(4), roles: fc.subarray(ROLES) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 15_000 }) }),
  fc.record({ kind: fc.constant('quota' as const), role: fc.constantFrom('r1', 'r2'), cpus: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('limit' as const), role: fc.constantFrom('r1', 'r2', 'r3'), cpus: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('weight' as const), role: fc.constantFrom('*', 'r1', 'r2'), weight: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('updateFramework' as const), f: fc.nat(4), roles: fc.subarray([...ROLES, 'r3'], { minLength: 1 }), gpu: fc.boolean() }),
  fc.record({ kind: fc.constant('updateAgent' as const), a: fc.nat(5), shape: fc.nat(AGENT_SHAPES.length - 1) }),
);

interface Outstanding {
  frameworkId: string;
  agentId: string;
  role: string;
  resources: Resources;
}

test('outstanding offers never exceed an agent\'s total, and only active, unsuppressed (and for GPUs, capable) frameworks get offers', (t) => {
  fc.assert(
    fc.property(fc.array(event, { maxLength: 60 }), (events) => {
      const clock = new FakeClock();
      const frameworks = new Map<string, { active: boolean; roles: Set<string>; suppressed: Set<string>; gpu: boolean }>();
      const agents = new Map<string, Resources>();
      let outstanding: Outstanding[] = [];
      const problems: string[] = [];
      const allocator = new HierarchicalAllocator({
        clock,
        random: seededRandom(7),
        onOffers: (frameworkId, set) => {
          const fw = frameworks.get(frameworkId);
          for (const [role, byAgent] of set) {
            if (!fw || !fw.active || !fw.roles.has(role) || fw.suppressed.has(role)) problems.push(`offer to ${frameworkId}/${role} which should get none`);
            for (const [agentId, resources] of byAgent) {
              if (resources.scalar('gpus') > 0 && !fw?.gpu) problems.push(`GPUs offered to ${frameworkId} without GPU_RESOURCES`);
              outstanding.push({ frameworkId, agentId, role, resources });
            }
          }
        },
      });
      const check = (): void => {
        const books = allocator.snapshot().allocatedByAgent;
        for (const [agentId, total] of agents) {
          let sum = Resources.empty();
          for (const o of outstanding) if (o.agentId === agentId) sum = sum.plus(o.resources.unallocate());
          if (!total.contains(sum)) problems.push(`agent ${agentId}: outstanding ${sum.toString()} exceeds total ${total.toString()}`);
          // Nothing is ever launched here, so the allocator's books must match the offers out exactly.
          const expected = JSON.stringify(Object.fromEntries([...sum.scalars()].sort()));
          const actual = JSON.stringify(Object.fromEntries(Object.entries(books.get(agentId) ?? {}).sort()));
          if (expected !== actual) problems.push(`agent ${agentId}: allocator holds ${actual}, offers out ${expected}`);
        }
      };
      for (const e of events) {
        switch (e.kind) {
          case 'addFramework': {
            const id = `f${e.f}`;
            if (frameworks.has(id)) break;
            frameworks.set(id, { active: true, roles: new Set(e.roles), suppressed: new Set(), gpu: false });
            allocator.addFramework(id, { roles: e.roles });
            break;
          }
          case 'removeFramework':
            frameworks.delete(`f${e.f}`);
            outstanding = outstanding.filter((o) => o.frameworkId !== `f${e.f}`);
            allocator.removeFramework(`f${e.f}`);
            break;
          case 'setFrameworkActive': {
            const fw = frameworks.get(`f${e.f}`);
            if (fw) fw.active = e.active;
            if (e.active) allocator.activateFramework(`f${e.f}`);
            else allocator.deactivateFramework(`f${e.f}`);
            break;
          }
          case 'addAgent': {
            const id = `a${e.a}`;
            if (agents.has(id)) break;
            const total = Resources.parse(AGENT_SHAPES[e.shape] as string);
            agents.set(id, total);
            allocator.addAgent(id, { hostname: id }, total);
            break;
          }
          case 'removeAgent':
            agents.delete(`a${e.a}`);
            outstanding = outstanding.filter((o) => o.agentId !== `a${e.a}`);
            allocator.removeAgent(`a${e.a}`);
            break;
          case 'setAgentActive':
            if (e.active) allocator.activateAgent(`a${e.a}`);
            else allocator.deactivateAgent(`a${e.a}`);
            break;
          case 'round':
            allocator.runRound();
            break;
          case 'recover': {
            if (outstanding.length === 0) break;
            const [o] = outstanding.splice(e.pick % outstanding.length, 1) as [Outstanding];
            allocator.recoverResources(o.frameworkId, o.agentId, o.resources, e.refuse === null ? undefined : { refuseSeconds: e.refuse });
            break;
          }
          case 'suppress': {
            const fw = frameworks.get(`f${e.f}`);
            if (fw) for (const r of e.roles.length > 0 ? e.roles : fw.roles) fw.suppressed.add(r);
            allocator.suppressOffers(`f${e.f}`, e.roles);
            break;
          }
          case 'revive': {
            const fw = frameworks.get(`f${e.f}`);
            if (fw) for (const r of e.roles.length > 0 ? e.roles : fw.roles) fw.suppressed.delete(r);
            allocator.reviveOffers(`f${e.f}`, e.roles);
            break;
          }
          case 'advance':
            clock.advance(e.ms);
            break;
          case 'quota':
            allocator.updateQuota(e.role, { guarantees: { cpus: e.cpus } });
            break;
          case 'limit':
            allocator.updateQuota(e.role, { limits: { cpus: e.cpus } });
            break;
          case 'weight':
            allocator.updateWeights([{ role: e.role, weight: e.weight }]);
            break;
          case 'updateFramework': {
            const fw = frameworks.get(`f${e.f}`);
            if (!fw) break;
            fw.roles = new Set(e.roles);
            fw.suppressed.clear();
            fw.gpu = e.gpu;
            allocator.updateFramework(`f${e.f}`, { roles: e.roles, capabilities: e.gpu ? ['GPU_RESOURCES'] : [] }, []);
            break;
          }
          case 'updateAgent': {
            const id = `a${e.a}`;
            if (!agents.has(id)) break;
            // only growth keeps the model simple: what is outstanding must still fit
            const grown = (agents.get(id) as Resources).plus(Resources.parse(AGENT_SHAPES[e.shape] as string));
            agents.set(id, grown);
            allocator.updateAgent(id, grown);
            break;
          }
        }
        check();
        if (problems.length > 0) break;
      }
      if (problems.length > 0) t.log(problems.slice(0, 3).join('\n'));
      return problems.length === 0;
    }),
    { numRuns: 150 },
  );
  t.pass();
});
