/**
 * The agent's `--attributes` flag: `rack:r1;zone:z2;cores:8;ports:[1-10];tags:{a,b}` into Mesos
 * `Attribute` wire objects. A value's syntax decides its type, as in Mesos: number -> SCALAR,
 * `[..]` -> RANGES, `{..}` -> SET, anything else -> TEXT.
 */
import type { FieldProblem } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { AttributeWire } from './wire.ts';
import { parseValueText } from './value-text.ts';

const ENTRY = /^([^:;\s]+)\s*:(.*)$/s;

export function parseAttributes(text: string, path = 'attributes'): AttributeWire[] {
  const problems: FieldProblem[] = [];
  const out: AttributeWire[] = [];
  const tokens = text.split(';').map((t) => t.trim()).filter((t) => t !== '');
  tokens.forEach((source, index) => {
    const fail = (message: string): void => {
      problems.push({ path: `${path}[${index}]`, message: `'${source}': ${message}` });
    };
    const m = ENTRY.exec(source);
    if (!m) return fail('expected name:value');
    const name = m[1] as string;
    const parsed = parseValueText(m[2] as string);
    if ('error' in parsed) return fail(parsed.error);
    switch (parsed.type) {
      case 'SCALAR':
        out.push({ name, type: 'SCALAR', scalar: { value: parsed.value } });
        break;
      case 'RANGES':
        out.push({ name, type: 'RANGES', ranges: { range: parsed.ranges } });
        break;
      case 'SET':
        out.push({ name, type: 'SET', set: { item: parsed.items } });
        break;
      case 'TEXT':
        out.push({ name, type: 'TEXT', text: { value: parsed.text } });
        break;
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return out;
}
