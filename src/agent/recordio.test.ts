import test from 'ava';
import { encodeRecord, readJsonRecords } from './recordio.ts';

async function collect(chunks: Buffer[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of readJsonRecords((async function* () { yield* chunks; })())) out.push(value);
  return out;
}

test('JSON records survive any split into chunks, including multi-byte characters', async (t) => {
  const bytes = Buffer.concat([encodeRecord({ a: 'é' }), encodeRecord({ b: 2 })]);
  t.is(encodeRecord({ a: 'é' }).toString(), '10\n{"a":"é"}');
  for (let cut = 0; cut <= bytes.length; cut++) {
    t.deepEqual(await collect([bytes.subarray(0, cut), bytes.subarray(cut)]), [{ a: 'é' }, { b: 2 }]);
  }
});

test('a bad length or a torn record is an error', async (t) => {
  await t.throwsAsync(collect([Buffer.from('x\n{}')]));
  await t.throwsAsync(collect([Buffer.from('10\n{}')]));
});
