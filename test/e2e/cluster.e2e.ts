import crypto from 'node:crypto'
import pg from 'pg'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { User } from '../../types/api'
import { startCluster, type RunningCluster } from '../../server/cluster'
import { api, dealForTwo, freePort, launchBrowser, shot } from './harness'

/**
 * Linli scaled out: two API instances over one PostgreSQL behind nginx (npm run start:cluster).
 * Shopper A watches the deal from a phone served by instance 1; friend B joins from a phone served
 * by instance 2; A's page shows B's join, without a reload.
 */
const ADMIN_URL = process.env.E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const database = `linli_e2e_cluster_${crypto.randomBytes(3).toString('hex')}`

let cluster: RunningCluster
let browser: Browser

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${database} with (force)`)
  await admin.end()
}

/** A phone whose requests nginx sends to one instance (by the cookie start:cluster's nginx reads). */
async function phoneOn(instance: 1 | 2): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  await context.addCookies([{ name: 'linli_instance', value: String(instance), url: cluster.url }])
  return { context, page: await context.newPage() }
}

beforeAll(async () => {
  const port = await freePort()
  const url = new URL(ADMIN_URL)
  url.pathname = `/${database}`
  cluster = await startCluster({
    port,
    instancePorts: [await freePort(), await freePort()],
    databaseUrl: url.toString(),
    log: () => undefined,
    env: { NODE_ENV: 'development' },
  })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await cluster?.close()
  await dropDatabase()
})

describe('two instances behind nginx, one deal', () => {
  it("A's page on instance 1 shows friend B's join on instance 2 live, without a reload", async () => {
    const deal = await dealForTwo(cluster.url, '临安山核桃 两台服务器一起拼', 'e2e-cluster-leader')
    const { users } = await api<{ users: User[] }>(cluster.url, '/dev/users')
    const friend = users.find((u) => u.handle && !u.roles.includes('leader'))!

    const a = await phoneOn(1)
    const served = a.page.waitForResponse((r) => r.url().includes(`/api/v1/deals/${deal.id}`))
    await a.page.goto(`${cluster.url}/pages/deal/index?id=${deal.id}`)
    const upstreamA = (await served).headers()['x-linli-upstream']
    await a.page.getByText(deal.title).first().waitFor({ timeout: 60_000 })
    await a.page.getByText('已拼0人').first().waitFor()
    await a.page.getByText('实时').first().waitFor({ timeout: 15_000 })
    await shot(a.page, 'cluster-a-before')

    const b = await phoneOn(2)
    const servedB = b.page.waitForResponse((r) => r.url().includes(`/api/v1/deals/${deal.id}`))
    await b.page.goto(`${cluster.url}/pages/deal/index?id=${deal.id}`)
    const upstreamB = (await servedB).headers()['x-linli-upstream']
    expect(upstreamA).toBe(cluster.instanceUrls[0].replace('http://', ''))
    expect(upstreamB).toBe(cluster.instanceUrls[1].replace('http://', ''))

    await b.page.getByText('¥12.80 立即参团').click()
    await b.page.getByText('选择体验账号').waitFor()
    await b.page.locator('.sign-in__user', { hasText: friend.nickname }).first().click()
    await b.page.getByText(/确认参团 · 1件/).click()
    await b.page.getByText('模拟支付（沙箱）').click()
    await b.page.getByText(/参团成功，已支付/).waitFor()

    // A did nothing: her page moved by itself
    await a.page.getByText('已拼1人').first().waitFor({ timeout: 5_000 })
    await a.page
      .getByText(/刚刚参团/)
      .first()
      .waitFor({ timeout: 5_000 })
    await shot(a.page, 'cluster-a-after')
    await a.context.close()
    await b.context.close()
  })
})
