import test from 'ava';
import { execFileSync } from 'node:child_process';
import { requestLine, shellQuote } from './fork-helper.ts';

test('shellQuote survives quotes, dollars and newlines when the shell reads it back', (t) => {
  const tricky = `it's $HOME "quoted" \`tick\`\nsecond line\\`;
  const echoed = execFileSync('/bin/sh', ['-c', `NL=$(printf '\\n_'); NL=\${NL%_}; printf '%s' ${shellQuote(tricky)}`], { encoding: 'utf8' });
  t.is(echoed, tricky);
  t.false(shellQuote(tricky).includes('\n'), 'a request stays on one line');
});

test('a request is one line that backgrounds a waiter and reports start, placement and exit', (t) => {
  const line = requestLine('t7', {
    argv: ['/bin/true'], cwd: '/sandbox', environment: { A: '1' }, stdoutPath: '/sandbox/stdout', stderrPath: '/sandbox/stderr',
    cgroupProcs: ['/sys/fs/cgroup/memory/mesos/c/cgroup.procs'], ids: { uid: 1000, gid: 1000 },
  });
  t.is(line.split('\n').length, 2);
  t.true(line.endsWith(') &\n'));
  for (const part of ['"S t7 $p"', '"E t7 $?"', "'/usr/bin/setpriv' '--reuid=1000'", "'/usr/bin/env' '-i' '--' 'A=1' '/bin/true'", ">>'/sandbox/stdout'"]) {
    t.true(line.includes(part), part);
  }
});
