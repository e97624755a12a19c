import test from 'ava';
import { parseFlags } from './args.ts';

test('flags take their type from the defaults, in both spellings', (t) => {
  const flags = parseFlags(['--agents', '20', '--mode=fast', '--window-seconds=3'], { agents: 1000, mode: 'slow', window_seconds: 10 });
  t.deepEqual(flags, { agents: 20, mode: 'fast', window_seconds: 3 });
});

test('unknown flags, missing values and bad numbers are refused by name', (t) => {
  t.throws(() => parseFlags(['--nope', '1'], { agents: 1 }), { message: /--nope/ });
  t.throws(() => parseFlags(['--agents'], { agents: 1 }), { message: /--agents needs a value/ });
  t.throws(() => parseFlags(['--agents', 'many'], { agents: 1 }), { message: /--agents must be/ });
});
