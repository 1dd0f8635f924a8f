/**
 * The weapp main package must stay within its budget (WeChat caps a main package at 2 MB; ours is
 * 600 KB so shoppers start fast: it was 530 KB when the budget was last set). Subpackages (the
 * consoles, the shopper pages off the first screen) are counted apart.
 */
import fs from 'node:fs'
import path from 'node:path'

const BUDGET_BYTES = 600 * 1024
const dist = path.resolve(__dirname, '../dist/weapp')

function sizeOf(dir: string, skip: Set<string> = new Set()): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (skip.has(full)) continue
    total += entry.isDirectory() ? sizeOf(full, skip) : fs.statSync(full).size
  }
  return total
}

const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const subRoots: string[] = (appJson.subPackages ?? appJson.subpackages ?? []).map((p: { root: string }) => path.join(dist, p.root))
const main = sizeOf(dist, new Set(subRoots))
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`
console.log(`weapp main package: ${kb(main)} (budget ${kb(BUDGET_BYTES)})`)
for (const root of subRoots) {
  if (fs.existsSync(root)) console.log(`subpackage ${path.relative(dist, root)}: ${kb(sizeOf(root))}`)
}
if (main > BUDGET_BYTES) {
  console.error(`over budget by ${kb(main - BUDGET_BYTES)}`)
  process.exit(1)
}
