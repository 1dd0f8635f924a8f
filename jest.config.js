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

/**
 * The app's pages and components, rendered with Taro's React components in jsdom. `app` runs them as
 * the H5 build resolves them; `app-weapp` runs the *.weapp.test.tsx files with the weapp platform files.
 */
const appProject = (platform) => ({
  displayName: platform === 'h5' ? 'app' : `app-${platform}`,
  testEnvironment: 'jsdom',
  testMatch: platform === 'h5' ? ['<rootDir>/test/app/**/*.test.{ts,tsx}'] : [`<rootDir>/test/app/**/*.${platform}.test.{ts,tsx}`],
  testPathIgnorePatterns: platform === 'h5' ? ['/node_modules/', '\\.weapp\\.test\\.'] : ['/node_modules/'],
  setupFiles: [`<rootDir>/test/app/support/env.${platform}.js`],
  // as Taro's build does, `./foo` is foo.h5.ts(x) / foo.weapp.ts(x) when there is one
  moduleFileExtensions: [`${platform}.ts`, `${platform}.tsx`, 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/app/support/setup.ts'],
  transform: {
    '\\.m?[jt]sx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' } }],
          ['@babel/preset-react', { runtime: 'automatic' }],
          '@babel/preset-typescript',
        ],
        // as in babel.config.js: per-component NutUI (its UMD bundle needs canvas)
        plugins: [
          [
            'import',
            {
              libraryName: '@nutui/nutui-react-taro',
              camel2DashComponentName: false,
              customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
              customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
            },
          ],
        ],
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@tarojs|@stencil|@nutui|@swc/helpers|\\.pnpm|style-inject|tslib|uqr|swiper|ssr-window|dom7|nanoid|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj)/)',
  ],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/app/support/taro-shim.js',
    '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/app/support/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/app/support/file-stub.js',
    ...alias,
  },
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
})

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
      // typebox (the contract's schemas) ships ES modules only: compiled for Jest like our own files
      transform: { '\\.m?[jt]sx?$': nodeBabel },
      transformIgnorePatterns: ['/node_modules/(?!typebox/)'],
      moduleNameMapper: alias,
    },
    appProject('h5'),
    appProject('weapp'),
  ],
}
