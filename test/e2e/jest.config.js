// The browser suite: the real H5 build and API in one process, driven by headless Chromium.
module.exports = {
  rootDir: '../..',
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  // two instances behind nginx over PostgreSQL: its own script (npm run test:e2e:cluster), in CI after this suite
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/cluster.e2e.ts'],
  transform: {
    '\\.[jt]sx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
  testTimeout: 240_000,
  maxWorkers: 1,
}
