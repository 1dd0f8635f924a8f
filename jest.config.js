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
    {
      // the app's pages and components, rendered with Taro's React components in jsdom
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/app/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/test/app/support/env.js'],
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
    },
  ],
}
