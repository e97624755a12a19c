import test from 'ava';
import { parseStat } from './proc.ts';
import { parsePasswd } from './user.ts';

test('parseStat reads group, cpu ticks and rss pages even when the name holds spaces and parens', (t) => {
  const fields = ['S', '1', '42', '42', '0', '-1', '4194560', '0', '0', '0', '0', '250', '30', '0', '0', '20', '0', '1', '0', '100', '1000', '512'];
  const sample = parseStat(`4242 (my (odd) name) ${fields.join(' ')}`);
  t.deepEqual(sample, { pid: 4242, state: 'S', pgrp: 42, userSecs: 2.5, systemSecs: 0.3, rssBytes: 512 * 4096 });
});

test('parseStat rejects a line without a command name', (t) => {
  t.is(parseStat('garbage'), undefined);
});

test('parsePasswd finds uid and gid by name and nothing for an unknown user', (t) => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
  t.deepEqual(parsePasswd(passwd, 'nobody'), { uid: 65534, gid: 65534 });
  t.is(parsePasswd(passwd, 'alice'), undefined);
});
