import test from 'ava';
import { newWireUuid, uuidTextToWire, wireUuidToText } from './uuid.ts';

test('UUIDs go to 16 bytes of base64 and back', (t) => {
  const text = '00010203-0405-0607-0809-0a0b0c0d0e0f';
  t.is(uuidTextToWire(text), 'AAECAwQFBgcICQoLDA0ODw==');
  t.is(wireUuidToText('AAECAwQFBgcICQoLDA0ODw=='), text);
  t.is(uuidTextToWire(text.toUpperCase()), 'AAECAwQFBgcICQoLDA0ODw==');
});

test('fresh UUIDs are 24 base64 characters of a v4 UUID, each different', (t) => {
  const a = newWireUuid();
  const b = newWireUuid();
  t.not(a, b);
  t.is(a.length, 24);
  t.regex(wireUuidToText(a) ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('anything but exactly 16 bytes is not a UUID', (t) => {
  for (const bad of ['', 'AAECAwQFBgcICQoLDA0O', 'AAECAwQFBgcICQoLDA0ODw', 'AAECAwQFBgcICQoLDA0ODxA=', 'AAECAwQFBgcICQoLDA0OD!==', 'not a uuid']) {
    t.is(wireUuidToText(bad), undefined, bad);
  }
  t.is(uuidTextToWire('00010203-0405-0607-0809-0a0b0c0d0e0'), undefined);
  t.is(uuidTextToWire('g0010203-0405-0607-0809-0a0b0c0d0e0f'), undefined);
});
