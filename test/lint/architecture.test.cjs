// Proves each architecture rule in .eslintrc.cjs fires on a bad import and stays quiet on an allowed
// one, by linting small snippets as if they lived at the given path. Run by `npm run lint`.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { ESLint } = require('eslint')

const root = path.resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: root })
const architectureRules = new Set(['import/no-restricted-paths', '@typescript-eslint/no-restricted-imports'])

async function architectureProblems(file, code) {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) })
  const fatal = result.messages.filter((m) => m.fatal)
  assert.deepEqual(fatal, [], `${file} did not parse`)
  return result.messages.filter((m) => architectureRules.has(m.ruleId))
}

// [file, import statement]; a file may be new, but its folder must exist (imports resolve from it)
const forbidden = [
  ['src/domain/x.ts', "import Taro from '@tarojs/taro'"],
  ['src/domain/x.ts', "import { useState } from 'react'"],
  ['src/domain/x.ts', "import { createRoot } from 'react-dom/client'"],
  ['src/domain/x.ts', "import { create } from 'zustand'"],
  ['src/domain/x.ts', "import { Button } from '@nutui/nutui-react-taro'"],
  ['src/domain/x.ts', "import { config } from '../../server/config'"],
  ['src/domain/x.ts', "import { useSession } from '@/stores/session'"],
  ['src/domain/x.ts', "import { t } from '../i18n'"],
  ['src/pages/home/x.tsx', "import { dashboard } from '@/leader/lib/dashboard'"],
  ['src/pages/home/x.tsx', "import { dashboard } from '../../leader/lib/dashboard'"],
  ['src/components/x.tsx', "import { listLeaderDeals } from '@/api/leader'"],
  ['src/stores/x.ts', "import { dashboard } from '../leader/lib/dashboard'"],
  ['src/hooks/x.ts', "import { dashboard } from '@/leader/lib/dashboard'"],
  ['src/i18n/x.ts', "import { dashboard } from '@/leader/lib/dashboard'"],
  ['src/api/x.ts', "import { listLeaderDeals } from './leader'"],
  ['src/pages/home/x.tsx', "import { lt } from '@/i18n/leader'"],
  ['src/i18n/x.ts', "import { leaderEn } from './leader/en'"],
  ['src/app.ts', "import { dashboard } from './leader/lib/dashboard'"],
  ['src/pages/home/x.tsx', "import { config } from '../../../server/config'"],
  ['src/leader/pages/home/x.tsx', "import { config } from '../../../../server/config'"],
  ['src/pages/home/x.tsx', "import { Tier } from '../../../types/contract/deals'"],
  ['src/pages/home/x.tsx', "import { Type } from 'typebox'"],
  ['types/x.ts', "import { dealProgress } from '../src/domain/tiers'"],
  ['types/x.ts', "import { config } from '../server/config'"],
  ['types/api.ts', "import { Tier } from './contract'"],
  ['types/api.ts', "export { Tier } from './contract/deals'"],
  ['types/api.ts', "import { Type } from 'typebox'"],
  ['types/contract/statuses.ts', "import { Type } from 'typebox'"],
  ['server/features/orders/orders.routes.ts', "import { findInviter } from '../deals/deals.repository'"],
  ['server/features/orders/orders.service.ts', "import { sql } from 'kysely'"],
  ['server/features/health/health.routes.ts', "import { sql } from 'kysely'"],
]

const allowed = [
  ['src/domain/x.ts', "import type { Tier } from '../../types/api'"],
  ['src/domain/x.ts', "import { DealStatus } from '../../types/api'"],
  ['src/domain/x.ts', "import { dealProgress } from './tiers'"],
  ['src/domain/x.ts', "import dayjs from 'dayjs'"],
  ['src/pages/home/x.tsx', "import { useSession } from '@/stores/session'"],
  ['src/pages/home/x.tsx', "import type { Static } from 'typebox'"],
  ['src/pages/home/x.tsx', "import { DealStatus } from '../../../types/contract/statuses'"],
  ['src/leader/pages/home/x.tsx', "import { dashboard } from '@/leader/lib/dashboard'"],
  ['src/leader/pages/home/x.tsx', "import { lt } from '@/i18n/leader'"],
  ['src/i18n/leader/x.ts', "import { translator } from '../translator'"],
  ['src/leader/pages/home/x.tsx', "import { PageState } from '@/components/page-state'"],
  ['src/api/leader.ts', "import { dashboard } from '@/leader/lib/dashboard'"],
  ['types/api.ts', "import type * as C from './contract'"],
  ['types/api.ts', "import type { Static } from 'typebox'"],
  ['types/api.ts', "export { DealStatus } from './contract/statuses'"],
  ['server/features/orders/orders.routes.ts', "import { findOrder } from './orders.repository'"],
  ['server/features/orders/orders.service.ts', "import { findInviter } from '../deals/deals.repository'"],
  ['server/features/orders/orders.service.ts', "import type { Kysely } from 'kysely'"],
  ['server/features/orders/orders.repository.ts', "import { sql } from 'kysely'"],
  ['server/db/x.ts', "import { sql } from 'kysely'"],
]

for (const [file, code] of forbidden) {
  test(`${file}: ${code} is an error`, async () => {
    const problems = await architectureProblems(file, code)
    assert.ok(problems.length > 0, 'expected an architecture error')
    assert.ok(problems.every((p) => p.severity === 2))
  })
}

for (const [file, code] of allowed) {
  test(`${file}: ${code} is allowed`, async () => {
    assert.deepEqual(await architectureProblems(file, code), [])
  })
}
