import test from 'ava';
import fc from 'fast-check';
import { Resources } from './resources.ts';
import { parseAttributes } from './attributes.ts';
import { ValidationError } from '../errors.ts';
import type { ResourceWire } from './wire.ts';
import { resourceListArb } from './test-arbitraries.ts';

// Anything a client could send as JSON, biased towards almost-valid resources.
const nearlyResource = fc.record(
  {
    name: fc.oneof(fc.constantFrom('cpus', 'ports', 'disk', ''), fc.string(), fc.anything()),
    type: fc.oneof(fc.constantFrom('SCALAR', 'RANGES', 'SET', 'TEXT'), fc.anything()),
    scalar: fc.oneof(fc.record({ value: fc.oneof(fc.double(), fc.anything()) }), fc.anything()),
    ranges: fc.oneof(fc.record({ range: fc.array(fc.record({ begin: fc.oneof(fc.integer(), fc.anything()), end: fc.integer() })) }), fc.anything()),
    set: fc.oneof(fc.record({ item: fc.array(fc.oneof(fc.string(), fc.anything())) }), fc.anything()),
    role: fc.oneof(fc.constantFrom('*', 'a', 'a/b', ''), fc.anything()),
    reservations: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('STATIC', 'DYNAMIC', 'UNKNOWN'), role: fc.oneof(fc.string(), fc.anything()) })), fc.anything()),
    reservation: fc.anything(),
    disk: fc.anything(),
    shared: fc.anything(),
    revocable: fc.anything(),
    allocation_info: fc.oneof(fc.record({ role: fc.oneof(fc.string(), fc.anything()) }), fc.anything()),
    provider_id: fc.anything(),
  },
  { requiredKeys: [] },
);
const anyList = fc.oneof(fc.array(fc.oneof(nearlyResource, fc.anything()), { maxLength: 4 }), fc.anything());

test('property: malformed wire input yields problems or ValidationError, never a crash', (t) => {
  fc.assert(
    fc.property(anyList, (input) => {
      const problems = Resources.validate(input as ResourceWire[]);
      try {
        const r = Resources.fromWire(input as ResourceWire[]);
        // Accepted input must have had no problems and must survive the full round trip.
        return problems.length === 0 && Resources.fromWire(r.toWire()).equals(r) && typeof r.toString() === 'string';
      } catch (err) {
        return err instanceof ValidationError && problems.length > 0 && err.problems.every((p) => p.path.startsWith('resources'));
      }
    }),
    { numRuns: 500 },
  );
  t.pass();
});

test('property: any flag text parses or throws ValidationError', (t) => {
  const flagish = fc.stringMatching(/^[a-z(){}[\]:;,*\-0-9. /]{0,40}$/);
  fc.assert(
    fc.property(fc.oneof(flagish, fc.string()), (text) => {
      for (const run of [() => Resources.parse(text), () => parseAttributes(text)]) {
        try {
          run();
        } catch (err) {
          if (!(err instanceof ValidationError)) return false;
        }
      }
      return true;
    }),
    { numRuns: 500 },
  );
  t.pass();
});

test('property: toString parses back to the same resources (no allocation or disk info)', (t) => {
  fc.assert(
    fc.property(resourceListArb(0), (list) => {
      const plain = list.filter((w) => w.disk === undefined && w.revocable === undefined);
      const r = Resources.fromWire(plain);
      return Resources.parse(r.toString().replaceAll('; ', ';')).equals(r);
    }),
  );
  t.pass();
});
