/**
 * `npx tsx test/tour/consoles.ts`: screenshots of every operator-console and supplier-console page,
 * at a phone's 390×844 and (the operator's) a desktop's 1280 px, in Chinese and English, on the seeded
 * town served from dist/h5 (build it first: `npm run build:h5`). Written to .e2e/tour/. A tool for
 * looking at what we build, not a test: it asserts nothing beyond each page rendering.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { AuthResponse } from '../../types/api'
import { api, launchBrowser, startApp } from '../e2e/harness'

const out = path.resolve(__dirname, '../../.e2e/tour')

async function main() {
  const app = await startApp()
  const browser = await launchBrowser()
  fs.mkdirSync(out, { recursive: true })
  try {
    const login = (handle: string, role: 'admin' | 'supplier', nickname: string) =>
      api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })
    const ops = await login('tour-ops', 'admin', '运营小周')
    const coop = await login('shanqian-coop', 'supplier', '山前果蔬合作社')
    const auth = (a: AuthResponse) => ({ authorization: `Bearer ${a.token}` })
    const { deals } = await api<{ deals: { id: string }[] }>(app.baseUrl, '/admin/deals', { headers: auth(ops) })
    const { deals: own } = await api<{ deals: { id: string }[] }>(app.baseUrl, '/supplier/deals', { headers: auth(coop) })

    const admin = ['home', 'deals', `deal?id=${deals[0]?.id}`, 'orders', 'refunds', 'applications', 'people', 'payouts', 'reconciliation', 'audit']
    const supplier = ['home', `deal?id=${own[0]?.id}`, 'deal-edit', 'purchase-orders', 'packing-lists', 'route', 'deliveries', 'owed']
    const views = [
      { who: ops, root: 'admin', pages: admin, widths: [390, 1280] },
      { who: coop, root: 'supplier', pages: supplier, widths: [390] },
    ]
    for (const locale of ['zh-CN', 'en'] as const)
      for (const view of views)
        for (const width of view.widths) {
          const context = await browser.newContext({ viewport: { width, height: width > 800 ? 800 : 844 }, locale, timezoneId: 'Asia/Shanghai' })
          const page: Page = await context.newPage()
          await page.goto(app.baseUrl + '/api/v1/deals')
          await page.evaluate(
            ({ session, en }) => {
              localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: session, version: 0 }) }))
              if (en) localStorage.setItem('linli-locale', JSON.stringify({ data: JSON.stringify({ state: { locale: 'en' }, version: 0 }) }))
            },
            { session: view.who, en: locale === 'en' },
          )
          for (const p of view.pages) {
            const [name, query] = p.split('?')
            await page.goto(`${app.baseUrl}/${view.root}/pages/${name}/index${query ? `?${query}` : ''}`)
            await page.waitForSelector('.taro_page', { timeout: 30_000 })
            await page.waitForTimeout(1500)
            const file = `${view.root}-${name}-${width}-${locale === 'en' ? 'en' : 'zh'}.png`
            await page.screenshot({ path: path.join(out, file), fullPage: true })
            console.log(file)
          }
          await context.close()
        }
  } finally {
    await browser.close()
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
