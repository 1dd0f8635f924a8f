// An eslint-plugin-import resolver for this repo: Node resolution with the TypeScript extensions,
// plus the one `@/` alias (tsconfig paths) mapped to src/. It lets `import/no-restricted-paths`
// see which file an import really reaches, whether written as `@/leader/..` or `../../leader/..`.
const path = require('path')

const node = require(require.resolve('eslint-import-resolver-node', { paths: [path.dirname(require.resolve('eslint-plugin-import'))] }))

const src = path.resolve(__dirname, '../../src')
const extensions = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.json']

exports.interfaceVersion = 2

exports.resolve = (source, file) => {
  const mapped = source.startsWith('@/') ? path.join(src, source.slice(2)) : source
  return node.resolve(mapped, file, { extensions })
}
