// Integration tests: real processes over real sockets. Run serially: they start servers and
// compete for two cores.
export default {
  files: ['test/integration/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  serial: true,
  concurrency: 1,
  timeout: '180s',
};
