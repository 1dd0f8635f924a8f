// Three suites: the pure domain and the server run in Node; the app's pages and components in jsdom.
const nodeBabel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
  },
]

const alias = { '^@/(.*)$': '<rootDir>/src/$1' }

module.exports = {
  projects: [
    {
      displayName: 'domain',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/domain/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
      moduleNameMapper: alias,
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
      moduleNameMapper: alias,
    },
    // the 'app' project (jsdom, Taro components) is added with the app's test setup
  ],
}
