/** Dependency direction (docs/architecture.md): protocol and lib are leaves; master and agent
 *  never import each other; sdk, frameworks and cli sit on protocol + lib only. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'protocol-is-a-leaf', severity: 'error', from: { path: '^src/protocol' }, to: { path: '^src/(?!protocol)' } },
    { name: 'lib-is-a-leaf', severity: 'error', from: { path: '^src/lib' }, to: { path: '^src/(?!lib|protocol)' } },
    { name: 'master-not-agent', severity: 'error', from: { path: '^src/master' }, to: { path: '^src/(agent|isolation|sdk|cli|frameworks)' } },
    { name: 'master-serves-webui-only', severity: 'error', from: { path: '^src/master' }, to: { path: '^src/webui/(?!serve\\.ts$)' } },
    { name: 'webui-reads-public-endpoints', severity: 'error', from: { path: '^src/webui' }, to: { path: '^src/(master|agent|isolation|sdk|cli|frameworks)' } },
    { name: 'agent-not-master', severity: 'error', from: { path: '^src/agent' }, to: { path: '^src/(master|sdk|cli|frameworks)' } },
    { name: 'isolation-below-agent', severity: 'error', from: { path: '^src/isolation' }, to: { path: '^src/(master|agent|sdk|cli|frameworks)' } },
    { name: 'sdk-on-protocol-lib', severity: 'error', from: { path: '^src/sdk' }, to: { path: '^src/(master|agent|isolation|cli|frameworks)' } },
    { name: 'allocator-is-pure', severity: 'error', from: { path: '^src/master/allocator/' }, to: { path: '^(src/master/(?!allocator/)|koa|node:(fs|net|http))' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
