import test from 'ava';
import fc from 'fast-check';
import { Resources, InsufficientResourcesError } from './resources.ts';
import { ValidationError } from '../errors.ts';
import type { ResourceWire } from './wire.ts';
import { resourceListArb } from './test-arbitraries.ts';

const res = (text: string): Resources => Resources.parse(text);
const arbA = resourceListArb(0).map((l) => Resources.fromWire(l));
const arbB = resourceListArb(1).map((l) => Resources.fromWire(l));
const arbAny = fc.oneof(arbA, arbB);

test('property: a.plus(b).minus(b) equals a (b disjoint in ranges and sets)', (t) => {
  fc.assert(fc.property(arbA, arbB, (a, b) => a.plus(b).minus(b).equals(a)));
  t.pass();
});

test('property: a.plus(b) contains a and b, and plus is commutative and associative', (t) => {
  fc.assert(
    fc.property(arbAny, arbAny, arbAny, (a, b, c) => {
      const ab = a.plus(b);
      return ab.contains(a) && ab.contains(b) && ab.equals(b.plus(a)) && ab.plus(c).equals(a.plus(b.plus(c)));
    }),
  );
  t.pass();
});

test('property: containment is transitive', (t) => {
  fc.assert(
    fc.property(arbAny, arbAny, arbAny, (a, b, c) => {
      // Build a chain a ⊆ a+b ⊆ a+b+c, then also check arbitrary triples never contradict it.
      const big = a.plus(b).plus(c);
      const mid = a.plus(b);
      const chainHolds = big.contains(mid) && mid.contains(a) && big.contains(a);
      const arbitraryHolds = !(a.contains(b) && b.contains(c)) || a.contains(c);
      return chainHolds && arbitraryHolds;
    }),
  );
  t.pass();
});

test('property: building from wire is order-independent and toWire round-trips (merging is idempotent)', (t) => {
  fc.assert(
    fc.property(resourceListArb(0), fc.integer(), (list, seed) => {
      const r = Resources.fromWire(list);
      const shuffled = [...list].sort(() => (seed & 1 ? 1 : -1));
      const again = Resources.fromWire(r.toWire());
      return Resources.fromWire([...list].reverse()).equals(r) && Resources.fromWire(shuffled).equals(r) && again.equals(r) && JSON.stringify(again.toWire()) === JSON.stringify(r.toWire());
    }),
  );
  t.pass();
});

test('property: minus of something not contained throws, minusClamped never goes negative', (t) => {
  fc.assert(
    fc.property(arbAny, arbAny, (a, b) => {
      const clamped = a.minusClamped(b);
      if (!a.contains(b)) {
        try {
          a.minus(b);
          return false;
        } catch (err) {
          if (!(err instanceof InsufficientResourcesError)) return false;
        }
      }
      return a.contains(clamped) && [...clamped.scalars().values()].every((v) => v > 0);
    }),
  );
  t.pass();
});

test('fixed point: 0.1 added ten times is exactly 1 and 0.1 + 0.2 is exactly 0.3', (t) => {
  let sum = Resources.empty();
  const tenth = res('cpus:0.1');
  for (let i = 0; i < 10; i++) sum = sum.plus(tenth);
  t.is(sum.scalar('cpus'), 1);
  t.true(sum.equals(res('cpus:1')));
  t.is(res('cpus:0.1').plus(res('cpus:0.2')).scalar('cpus'), 0.3);
  t.is(res('cpus:1').minus(res('cpus:0.9')).scalar('cpus'), 0.1);
  // Mesos keeps three decimals: 0.0004 rounds away, 0.0005 rounds up.
  t.is(res('cpus:1.0004').scalar('cpus'), 1);
  t.is(res('cpus:1.0005').scalar('cpus'), 1.001);
});

test('subtracting everything leaves empty, and zero-sized entries disappear', (t) => {
  const r = res('cpus:2;mem:512;ports:[1-5]');
  t.true(r.minus(r).isEmpty());
  t.true(Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 0 } }]).isEmpty());
  t.deepEqual(r.minus(res('cpus:2')).toWire().map((x) => x.name), ['mem', 'ports']);
});

test('minus throws naming both sides when not contained', (t) => {
  const err = t.throws(() => res('cpus:1').minus(res('cpus:2')), { instanceOf: InsufficientResourcesError });
  t.regex(err.message, /cpus:2.*cpus:1/);
  t.throws(() => res('cpus:1').minus(res('mem:1')), { instanceOf: InsufficientResourcesError });
  t.throws(() => res('ports:[1-5]').minus(res('ports:[5-6]')), { instanceOf: InsufficientResourcesError });
});

test('reservations keep resources apart: reserved cpus do not satisfy unreserved ones', (t) => {
  const r = res('cpus:2;cpus(eng):3');
  t.is(r.scalar('cpus'), 5);
  t.false(r.contains(res('cpus:3')));
  t.true(r.contains(res('cpus(eng):3')));
  t.true(r.unreserved().equals(res('cpus:2')));
  t.true(r.reserved().equals(res('cpus(eng):3')));
  t.true(r.reserved('eng').equals(res('cpus(eng):3')));
  t.true(r.reserved('ops').isEmpty());
});

test('legacy role field is a static reservation, with reservation info a dynamic one', (t) => {
  const legacyStatic = Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: 'eng' }]);
  t.deepEqual(legacyStatic.toWire()[0]?.reservations, [{ type: 'STATIC', role: 'eng' }]);
  t.true(legacyStatic.equals(res('cpus(eng):1')));
  const legacyDynamic = Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: 'eng', reservation: { principal: 'p' } }]);
  t.deepEqual(legacyDynamic.toWire()[0]?.reservations, [{ type: 'DYNAMIC', role: 'eng', principal: 'p' }]);
  t.false(legacyDynamic.equals(legacyStatic));
  // Stray keys in client JSON do not change identity.
  const stray = Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, reservations: [{ type: 'STATIC', role: 'eng', extra: 1 } as never] }]);
  t.true(stray.equals(legacyStatic));
  const star = Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: '*' }]);
  t.true(star.equals(res('cpus:1')));
  t.is(star.toWire()[0]?.role, undefined);
});

test('reservationRole reads the top of the refined stack, or the legacy role', (t) => {
  const refined: ResourceWire = {
    name: 'cpus',
    type: 'SCALAR',
    scalar: { value: 1 },
    reservations: [
      { type: 'STATIC', role: 'a' },
      { type: 'DYNAMIC', role: 'a/b', principal: 'p' },
    ],
  };
  t.is(Resources.reservationRole(refined), 'a/b');
  t.is(Resources.reservationRole({ name: 'cpus', type: 'SCALAR', role: 'x' }), 'x');
  t.is(Resources.reservationRole({ name: 'cpus', type: 'SCALAR', role: '*' }), undefined);
  t.is(Resources.reservationRole({ name: 'cpus', type: 'SCALAR' }), undefined);
  t.true(Resources.fromWire([refined]).reserved('a/b').equals(Resources.fromWire([refined])));
  t.true(Resources.fromWire([refined]).reserved('a').isEmpty());
});

test('allocatableTo: unreserved plus reservations for the role and its ancestors only', (t) => {
  const r = res('cpus:1;cpus(a):2;cpus(a/b):4;cpus(a/b/c):8;cpus(ab):16;cpus(c):32');
  t.is(r.allocatableTo('a/b').scalar('cpus'), 1 + 2 + 4);
  t.is(r.allocatableTo('a').scalar('cpus'), 1 + 2);
  t.is(r.allocatableTo('ab').scalar('cpus'), 1 + 16);
  t.is(r.allocatableTo('z').scalar('cpus'), 1);
});

test('allocate and unallocate: allocation role is part of identity', (t) => {
  const r = res('cpus:2;mem:100');
  const eng = r.allocate('eng');
  t.true(eng.toWire().every((x) => x.allocation_info?.role === 'eng'));
  t.false(eng.equals(r));
  t.false(eng.contains(r));
  t.true(eng.unallocate().equals(r));
  const both = eng.plus(r.allocate('ops'));
  t.is(both.scalar('cpus'), 4);
  t.is(both.allocatedTo('ops').scalar('mem'), 100);
  t.true(both.unallocate().equals(r.plus(r)));
  t.true(both.allocate('x').equals(r.plus(r).allocate('x')));
});

test('revocable resources are a separate identity', (t) => {
  const rev = Resources.fromWire([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, revocable: {} }]);
  const r = rev.plus(res('cpus:1'));
  t.is(r.scalar('cpus'), 2);
  t.true(r.revocable().equals(rev));
  t.true(r.nonRevocable().equals(res('cpus:1')));
  t.is(rev.toString(), 'cpus{REV}:1');
});

test('persistent volumes and shared resources are counted, not merged', (t) => {
  const volume: ResourceWire = {
    name: 'disk',
    type: 'SCALAR',
    scalar: { value: 64 },
    reservations: [{ type: 'DYNAMIC', role: 'db', principal: 'p' }],
    disk: { persistence: { id: 'v1' }, volume: { container_path: 'data', mode: 'RW' } },
  };
  const v = Resources.fromWire([volume]);
  t.false(v.contains(Resources.fromWire([{ ...volume, scalar: { value: 32 } }])), 'a volume cannot be split');
  const shared = Resources.fromWire([{ ...volume, shared: {} }]);
  const twice = shared.plus(shared);
  t.is(twice.toWire().length, 2);
  t.is(twice.scalar('disk'), 64, 'a shared volume counts once however many holders');
  t.true(twice.minus(shared).equals(shared));
  t.true(twice.minus(shared).minus(shared).isEmpty());
  t.is(v.toString(), 'disk(db, p)[v1:data]:64');
});

test('scalars, ranges and items aggregate across reservations', (t) => {
  const r = res('cpus:1;cpus(a):0.5;ports:[1-3];ports(a):[4-6, 10-12];zones:{x};zones(a):{y}');
  t.deepEqual([...r.scalars()], [['cpus', 1.5]]);
  t.deepEqual(r.ranges('ports'), [[1, 6], [10, 12]]);
  t.deepEqual(r.items('zones'), ['x', 'y']);
  t.deepEqual(r.ranges('nope'), []);
  t.is(r.scalar('mem'), 0);
  t.is(r.quantities().getMilli('cpus'), 1500);
});

test('filter passes each entry in wire form', (t) => {
  const r = res('cpus:1;mem:2;ports:[1-2]');
  t.true(r.filter((x) => x.type === 'SCALAR').equals(res('cpus:1;mem:2')));
  t.true(r.filter(() => false).isEmpty());
});

test('toString in Mesos style and legacy JSON as /master/state shows it', (t) => {
  const r = res('cpus:4;mem:8192;ports:[31000-31005,31010-32000];disk(role1):100;zones:{b,a}');
  t.is(r.toString(), 'cpus:4; disk(role1):100; mem:8192; ports:[31000-31005, 31010-32000]; zones:{a, b}');
  t.deepEqual(r.toLegacyJson(), { cpus: 4, gpus: 0, mem: 8192, disk: 100, ports: '[31000-31005, 31010-32000]', zones: '{a, b}' });
  t.deepEqual(Resources.empty().toLegacyJson(), { cpus: 0, gpus: 0, mem: 0, disk: 0 });
  t.is(Resources.empty().toString(), '');
});

test('toWire is normalized: one entry per identity, ranges merged and sorted, and safe to mutate', (t) => {
  const r = Resources.fromWire([
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 10, end: 20 }, { begin: 1, end: 5 }] } },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 6, end: 8 }] } },
    { name: 'cpus', type: 'SCALAR', scalar: { value: 1 } },
    { name: 'cpus', type: 'SCALAR', scalar: { value: 2 } },
  ]);
  const wire = r.toWire();
  t.deepEqual(wire, [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 3 } },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 1, end: 8 }, { begin: 10, end: 20 }] } },
  ]);
  (wire[0] as ResourceWire).scalar = { value: 99 };
  t.is(r.scalar('cpus'), 3);
});

test('fromWire rejects bad input with a path for every problem', (t) => {
  const bad = [
    { name: 'cpus', type: 'SCALAR', scalar: { value: -1 } },
    { name: '', type: 'SCALAR', scalar: { value: 1 } },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 5, end: 1 }] } },
    { name: 'x', type: 'TEXT' },
    { name: 'zones', type: 'SET', set: { item: ['a', 'a'] } },
    { name: 'cpus', type: 'RANGES', ranges: { range: [] } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 1 }, reservations: [{ type: 'DYNAMIC', role: '*' }] },
    { name: 'mem', type: 'SCALAR', scalar: { value: Number.NaN } },
    'nope',
    { name: 'mem', type: 'SCALAR', scalar: { value: 2e12 } },
  ] as unknown as ResourceWire[];
  const err = t.throws(() => Resources.fromWire(bad), { instanceOf: ValidationError });
  const paths = err.problems.map((p) => p.path);
  t.deepEqual(paths, [
    'resources[0].scalar.value',
    'resources[1].name',
    'resources[2].ranges.range[0]',
    'resources[3].type',
    'resources[4].set.item[1]',
    'resources[5].type',
    'resources[6].reservations[0].role',
    'resources[7].scalar.value',
    'resources[8]',
    'resources[9].scalar.value',
  ]);
  t.regex(err.problems[5]?.message ?? '', /RANGES here but SCALAR at resources\[0\]/);
  t.deepEqual(Resources.validate(bad, 'task.resources').length, 10);
  t.deepEqual(Resources.validate([{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 } }]), []);
  t.deepEqual(Resources.validate('x' as unknown as ResourceWire[], 'r'), [{ path: 'r', message: 'must be an array of Resource objects' }]);
});

test('validation of reservation stacks and other fields', (t) => {
  const base = { name: 'cpus', type: 'SCALAR', scalar: { value: 1 } } as const;
  const problems = (r: object): string[] => Resources.validate([{ ...base, ...r } as ResourceWire]).map((p) => `${p.path}: ${p.message}`);
  t.deepEqual(problems({ reservations: [{ type: 'STATIC', role: 'a' }, { type: 'DYNAMIC', role: 'a/b' }] }), []);
  t.regex(problems({ reservations: [{ type: 'DYNAMIC', role: 'a' }, { type: 'DYNAMIC', role: 'b' }] })[0] ?? '', /reservations\[1\]\.role: .*sub-role of 'a'/);
  t.regex(problems({ reservations: [{ type: 'DYNAMIC', role: 'a' }, { type: 'STATIC', role: 'a/b' }] })[0] ?? '', /reservations\[1\]\.type: /);
  t.regex(problems({ reservations: [{ role: 'a' }] })[0] ?? '', /reservations\[0\]\.type: must be STATIC or DYNAMIC/);
  t.regex(problems({ role: 'b', reservations: [{ type: 'STATIC', role: 'a' }] })[0] ?? '', /^resources\[0\]\.role: .*disagrees/);
  t.regex(problems({ role: '*', reservation: { principal: 'p' } })[0] ?? '', /^resources\[0\]\.reservation: /);
  t.regex(problems({ role: 'a/../b' })[0] ?? '', /^resources\[0\]\.role: /);
  t.regex(problems({ allocation_info: { role: '-x' } })[0] ?? '', /allocation_info\.role/);
  t.regex(problems({ disk: {} })[0] ?? '', /^resources\[0\]\.disk: DiskInfo is only allowed on 'disk'/);
  t.regex(problems({ shared: {} })[0] ?? '', /^resources\[0\]\.shared: only persistent volumes/);
});

test('property: allocate and unallocate match rebuilding from edited wire objects', (t) => {
  const mixed = fc.tuple(arbA, arbA, fc.constantFrom('x', 'y')).map(([a, b, role]) => a.plus(b.allocate(role)));
  fc.assert(
    fc.property(mixed, fc.constantFrom('x', 'y', 'z'), (r, role) => {
      const allocated = Resources.fromWire(r.toWire().map((w) => ({ ...w, allocation_info: { role } })));
      const unallocated = Resources.fromWire(r.toWire().map(({ allocation_info: _a, ...w }) => w));
      return (
        r.allocate(role).equals(allocated) &&
        JSON.stringify(r.allocate(role).toWire()) === JSON.stringify(allocated.toWire()) &&
        r.unallocate().equals(unallocated) &&
        r.allocate(role).scalar('cpus') === r.scalar('cpus')
      );
    }),
  );
  t.pass();
});

test('reservation and allocation roles present, and intersection', (t) => {
  const r = res('cpus:1;cpus(a):2;mem(a/b):3').allocate('x').plus(res('disk:1'));
  t.deepEqual([...r.reservationRoles()].sort(), ['a', 'a/b']);
  t.deepEqual([...r.allocationRoles()].sort(), ['x', undefined]);
  const a = res('cpus:4;mem:10;ports:[1-10];zones:{a,b}');
  const b = res('cpus:1.5;disk:3;ports:[5-20];zones:{b,c}');
  t.true(a.intersection(b).equals(res('cpus:1.5;ports:[5-10];zones:{b}')));
  t.true(a.intersection(Resources.empty()).isEmpty());
});

test('pre-refinement wire form for frameworks without RESERVATION_REFINEMENT', (t) => {
  const refined: ResourceWire = {
    name: 'mem',
    type: 'SCALAR',
    scalar: { value: 8 },
    reservations: [
      { type: 'STATIC', role: 'a' },
      { type: 'DYNAMIC', role: 'a/b' },
    ],
  };
  const r = res('cpus:1;disk(a):2').plus(
    Resources.fromWire([
      { name: 'mem', type: 'SCALAR', scalar: { value: 4 }, reservations: [{ type: 'DYNAMIC', role: 'eng', principal: 'p', labels: { labels: [{ key: 'k', value: 'v' }] } }] },
      refined,
    ]),
  );
  t.deepEqual(r.toPreRefinementWire(), [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: '*' },
    { name: 'disk', type: 'SCALAR', scalar: { value: 2 }, role: 'a' },
    { name: 'mem', type: 'SCALAR', scalar: { value: 4 }, role: 'eng', reservation: { principal: 'p', labels: { labels: [{ key: 'k', value: 'v' }] } } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 8 }, reservations: refined.reservations },
  ]);
  t.true(r.refinedReservations().equals(Resources.fromWire([refined])));
  // The legacy form reads back as the same resources.
  t.true(Resources.fromWire(r.toPreRefinementWire()).equals(r));
});

test('property: quantities are a homomorphism (plus adds them, minus subtracts them)', (t) => {
  fc.assert(
    fc.property(arbA, arbB, (a, b) => {
      const sum = a.quantities().add(b.quantities());
      return a.plus(b).quantities().equals(sum) && a.plus(b).minus(b).quantities().equals(a.quantities()) && a.plus(b).quantities().contains(a.quantities());
    }),
  );
  t.pass();
});

test('empty text parses to empty resources', (t) => {
  t.true(Resources.parse('').isEmpty());
  t.true(Resources.parse(' ; ').isEmpty());
  t.true(Resources.parse('[]').isEmpty());
  t.is(Resources.empty().plus(Resources.empty()), Resources.empty());
});

test('toString shows allocation, disk source and shared markers', (t) => {
  const mount: ResourceWire = { name: 'disk', type: 'SCALAR', scalar: { value: 10 }, disk: { source: { type: 'MOUNT', mount: { root: '/mnt/d1' } } } };
  t.is(Resources.fromWire([mount]).allocate('eng').toString(), 'disk(allocated: eng)[MOUNT:/mnt/d1]:10');
  const shared: ResourceWire = {
    name: 'disk',
    type: 'SCALAR',
    scalar: { value: 5 },
    reservations: [{ type: 'DYNAMIC', role: 'db' }],
    disk: { persistence: { id: 'v' }, volume: { container_path: 'p', mode: 'RW' } },
    shared: {},
  };
  t.is(Resources.fromWire([shared, shared]).toString(), 'disk(db)[v:p]<SHARED>:5; disk(db)[v:p]<SHARED>:5');
  // A MOUNT disk is atomic: a part of it is not contained.
  t.false(Resources.fromWire([mount]).contains(Resources.fromWire([{ ...mount, scalar: { value: 5 } }])));
});
