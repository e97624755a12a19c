import test from 'ava';
import { FakeClock } from './clock.ts';

test('fake clock fires timers in due order, including ones set while firing', (t) => {
  const clock = new FakeClock(0);
  const fired: string[] = [];
  clock.setTimer(20, () => fired.push('b'));
  clock.setTimer(10, () => {
    fired.push('a');
    clock.setTimer(5, () => fired.push('a+5'));
  });
  const c = clock.setTimer(12, () => fired.push('cancelled'));
  c.cancel();
  clock.advance(30);
  t.deepEqual(fired, ['a', 'a+5', 'b']);
  t.is(clock.now(), 30);
  t.is(clock.pending(), 0);
});
