import test from 'ava';
import { agentIdFor, frameworkIdFor, isUuidBytesBase64, newUuidBytesBase64, offerIdFor, uuidBytesToText } from './ids.ts';
import { backoffDelay, STATUS_UPDATE_BACKOFF, RECONNECT_BACKOFF } from './backoff.ts';

test('ids are shaped like Mesos ids', (t) => {
  t.is(frameworkIdFor('m1', 0), 'm1-0000');
  t.is(frameworkIdFor('m1', 12), 'm1-0012');
  t.is(agentIdFor('m1', 3), 'm1-S3');
  t.is(offerIdFor('m1', 42), 'm1-O42');
});

test('status uuids are 16 bytes in base64 and validated strictly', (t) => {
  const id = newUuidBytesBase64();
  t.is(id.length, 24);
  t.true(isUuidBytesBase64(id));
  t.false(isUuidBytesBase64('not-a-uuid'));
  t.false(isUuidBytesBase64(Buffer.alloc(15).toString('base64')));
  t.regex(uuidBytesToText(id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('status-update backoff: 10 s doubling, capped at 10 min', (t) => {
  const delays = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(STATUS_UPDATE_BACKOFF, n));
  t.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]);
  // Full jitter stays within [0, delay].
  t.is(backoffDelay(RECONNECT_BACKOFF, 2, () => 0), 0);
  t.is(backoffDelay(RECONNECT_BACKOFF, 2, () => 1), 4000);
});
