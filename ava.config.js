// Unit tests: pure logic, beside the code (src/**/*.test.ts, bench/**/*.test.ts) or in test/unit.
export default {
  files: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'bench/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  timeout: '60s',
};
