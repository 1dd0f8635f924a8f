// ESLint 8 (eslintrc): Taro's React rules, typescript-eslint's recommended rules, Prettier for layout,
// and the architecture of shared/DESIGN.md as import rules (test/lint/architecture.test.cjs proves each fires).
const fs = require('fs')
const path = require('path')

// Imports these files may not make; with allowTypeImports an `import type` stays allowed.
const restrict = (...groups) => ['error', { patterns: groups.flat() }]
const group = (names, message, allowTypeImports = false) => ({ group: names, message, allowTypeImports })

// The app bundles no TypeBox: it takes the contract's types through types/api.ts (zone below keeps it out of types/contract).
const noSchemaRuntime = group(
  ['typebox', 'typebox/*', '@sinclair/typebox', '@sinclair/typebox/*'],
  'The app bundles no TypeBox: `import type` only.',
  true,
)
const domainPackages = group(
  ['@tarojs/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@nutui/*'],
  'src/domain is plain TypeScript: no Taro, React, zustand or NutUI (shared/DESIGN.md).',
)
const typesOnly = 'types/api.ts reaches the app: take the schemas as `import type`; only ./contract/statuses holds plain values.'
// Query building belongs in *.repository.ts (and db/, seed); elsewhere Kysely is types only.
const kyselyTypesOnly = group(['kysely', 'kysely/*'], 'Queries live in *.repository.ts: import type from kysely here.', true)

// server/features/<name>/*.routes.ts may not reach another feature's repository (routes -> service -> repository).
const featuresDir = path.join(__dirname, 'server/features')
const features = fs.existsSync(featuresDir) ? fs.readdirSync(featuresDir).filter((f) => fs.statSync(path.join(featuresDir, f)).isDirectory()) : []
const routeZones = features.map((feature) => ({
  target: `./server/features/${feature}/*.routes.ts`,
  from: ['./server/features/*/*.repository.ts'],
  except: [path.join(__dirname, `server/features/${feature}/*.repository.ts`)], // glob exceptions are not resolved against basePath
  message: "Routes call services; another feature's repository is reached through its service.",
}))

// The shoppers' main package. src/api/leader.ts (and any admin/supplier api file) is used by the leader only.
const mainPackage = [
  './src/pages',
  './src/components',
  './src/stores',
  './src/hooks',
  './src/i18n/*.ts', // not src/i18n/leader: the leader console's words, bundled into its subpackage
  './src/api/!(leader|admin|supplier).ts',
  './src/app.ts',
  './src/app.config.ts',
]

module.exports = {
  root: true,
  extends: ['taro/react', 'plugin:react/jsx-runtime', 'prettier'],
  env: { browser: true, node: true, es2022: true },
  parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
  settings: {
    'import/resolver': { [path.join(__dirname, 'test/lint/import-resolver.js')]: {} },
    react: { version: '18.3' },
    // do not parse packages for export maps (import/no-named-as-default*): slow, and TypeScript checks imports
    'import/ignore': ['node_modules'],
  },
  rules: {
    // Taro's 'absolute-first' wants `@/x` above `../x`: ordering churn that catches nothing.
    'import/first': ['error', 'disable-absolute-first'],
    // fast-check's documented style is `fc.integer()` on the default import.
    'import/no-named-as-default-member': 'off',
    'import/no-restricted-paths': [
      'error',
      {
        basePath: __dirname,
        zones: [
          {
            target: './src/domain',
            from: ['./src', './server'],
            except: ['./domain'],
            message: 'src/domain imports only itself and types/ (shared/DESIGN.md).',
          },
          {
            target: mainPackage,
            from: [
              './src/leader',
              './src/admin',
              './src/supplier',
              './src/api/leader.ts',
              './src/i18n/leader',
              './src/api/supplier.ts',
              './src/i18n/supplier',
              './src/api/admin.ts',
              './src/i18n/admin',
            ],
            message: "Keep the leader/admin subpackages out of the shoppers' main package.",
          },
          { target: './src', from: './server', message: 'The app talks to the server over HTTP only.' },
          {
            target: './src',
            from: './types/contract',
            except: ['./statuses.ts'],
            message: 'types/contract is TypeBox for the server; the app takes its types from types/api.',
          },
          { target: './types', from: ['./src', './server'], message: 'types/ is the contract: it imports nothing from the app or the server.' },
          ...routeZones,
        ],
      },
    ],
  },
  overrides: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      parser: '@typescript-eslint/parser',
      extends: ['plugin:@typescript-eslint/recommended', 'prettier'],
      rules: {
        // The codebase uses `_name` for deliberately unused parameters and destructured leftovers.
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
        // `V extends {}` is TypeScript's "any non-nullish value" (lru-cache requires it).
        '@typescript-eslint/no-empty-object-type': 'off',
        // a `let` that a closure made before its one assignment reads (e.g. a clock over a test app) must stay `let`
        'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      },
    },
    // `Kysely<any>` is Kysely's own advice for migrations and code generic over the database;
    // test fakes parse loose JSON.
    { files: ['server/db/**/*.ts', 'test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
    // CommonJS tool configs and jest support files.
    {
      files: ['**/*.js', '**/*.cjs'],
      parser: 'espree',
      parserOptions: { ecmaVersion: 2022, sourceType: 'script' },
      rules: { 'import/no-commonjs': 'off', '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
    },
    { files: ['test/**'], env: { jest: true } },
    { files: ['src/**/*.ts', 'src/**/*.tsx'], rules: { '@typescript-eslint/no-restricted-imports': restrict(noSchemaRuntime) } },
    { files: ['src/domain/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': restrict(noSchemaRuntime, domainPackages) } },
    {
      files: ['types/api.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: [{ name: './contract', message: typesOnly, allowTypeImports: true }],
            // a gitignore-style negation re-includes a file only when its folder is not itself excluded
            patterns: [
              group(['typebox', 'typebox/*', '@sinclair/typebox', '@sinclair/typebox/*', './contract/*', '!./contract/statuses'], typesOnly, true),
            ],
          },
        ],
      },
    },
    {
      files: ['types/contract/statuses.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrict(
          group(['typebox', 'typebox/*'], 'statuses.ts reaches the app through types/api.ts: no TypeBox values.', true),
        ),
      },
    },
    {
      files: ['server/**/*.ts'],
      excludedFiles: ['server/**/*.repository.ts', 'server/db/**', 'server/seed/**'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict(kyselyTypesOnly) },
    },
  ],
}
