/**
 * Mesos' text syntax for one value, shared by `--resources` and `--attributes`:
 * `4` or `0.5` (scalar), `[31000-31005, 31010-32000]` (ranges), `{a, b}` (set), anything else text.
 */
import type { RangeWire } from './wire.ts';

export type ParsedValue =
  | { type: 'SCALAR'; value: number }
  | { type: 'RANGES'; ranges: RangeWire[] }
  | { type: 'SET'; items: string[] }
  | { type: 'TEXT'; text: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const RANGE = /^(\d+)\s*-\s*(\d+)$/;

/** The parsed value, or a message saying what is wrong with it. */
export function parseValueText(raw: string): ParsedValue | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'has no value' };
  const open = text[0];
  if (open === '[' || open === '{') {
    const close = open === '[' ? ']' : '}';
    if (!text.endsWith(close)) return { error: `has an unclosed '${open}'` };
    const inner = text.slice(1, -1);
    if (inner.includes(open) || inner.includes(close)) return { error: `has a nested or stray '${open}' or '${close}'` };
    const parts = inner.split(',').map((p) => p.trim());
    const listed = inner.trim() === '' ? [] : parts;
    if (open === '{') {
      if (listed.some((p) => p === '')) return { error: 'has an empty set item' };
      return { type: 'SET', items: listed };
    }
    const ranges: RangeWire[] = [];
    for (const part of listed) {
      const m = RANGE.exec(part);
      if (!m) return { error: `has a malformed range '${part}' (expected begin-end)` };
      const begin = Number(m[1]);
      const end = Number(m[2]);
      if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end)) return { error: `has a range '${part}' beyond 2^53` };
      if (begin > end) return { error: `has a range '${part}' whose begin is greater than its end` };
      ranges.push({ begin, end });
    }
    return { type: 'RANGES', ranges };
  }
  if (text.endsWith(']') || text.endsWith('}')) return { error: `has a '${text[text.length - 1] ?? ''}' without its opening bracket` };
  if (NUMBER.test(text)) return { type: 'SCALAR', value: Number(text) };
  return { type: 'TEXT', text };
}
