import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ConfigError, loadConfig } from '../../server/config'

// RSA keys are made for this run: give it time on a busy machine
jest.setTimeout(60_000)

/** Keys made for this run; written to files too, as a deployment would mount them. */
const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const platform = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const merchantPem = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const platformPem = platform.publicKey.export({ type: 'spki', format: 'pem' }).toString()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-wxpay-'))
const keyFile = path.join(dir, 'apiclient_key.pem')
const platformFile = path.join(dir, 'pub_key.pem')
fs.writeFileSync(keyFile, merchantPem)
fs.writeFileSync(platformFile, platformPem)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://linli@db/linli',
  PICKUP_SECRET: 'a-long-production-pickup-secret',
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_APP_SECRET: 'secret',
  WECHATPAY_MCH_ID: '1900000109',
  WECHATPAY_MCH_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_PRIVATE_KEY: keyFile,
  WECHATPAY_API_V3_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
  WECHATPAY_PLATFORM_CERTS: `PUB_KEY_ID_0119000001=${platformFile}`,
  NOTIFY_URL: 'https://api.linli.example/api/v1/payments/wechat/notify',
}

/** an environment as the process would see it (global.d.ts types the Taro build's env) */
const load = (env: Record<string, string>) => loadConfig(env as unknown as NodeJS.ProcessEnv)

const refusal = (env: Record<string, string>): string => {
  try {
    load(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('WeChat Pay configuration, checked at start', () => {
  it('a complete production configuration loads, keys from files', () => {
    const config = load(production)
    expect(config.paymentProvider).toBe('wechatpay')
    expect(config.devLogin).toBe(false)
    expect(config.wechatpay).toMatchObject({
      mchId: '1900000109',
      apiBase: 'https://api.mch.weixin.qq.com',
      notifyUrl: production.NOTIFY_URL,
      refundNotifyUrl: 'https://api.linli.example/api/v1/payments/wechat/refund-notify',
    })
    expect(Object.keys(config.wechatpay!.platformKeys)).toEqual(['PUB_KEY_ID_0119000001'])
    expect(config.wechatpay!.privateKey.asymmetricKeyType).toBe('rsa')
  })

  it('keys may also be given inline (PEM, with \\n escapes as env files often carry them)', () => {
    const config = load({
      ...production,
      WECHATPAY_PRIVATE_KEY: merchantPem.replace(/\n/g, '\\n'),
      WECHATPAY_PLATFORM_CERTS: JSON.stringify({ SERIAL_A: platformPem, SERIAL_B: platformFile }),
    })
    expect(Object.keys(config.wechatpay!.platformKeys)).toEqual(['SERIAL_A', 'SERIAL_B'])
  })

  it('the sandbox provider refuses to run in production', () => {
    expect(refusal({ ...production, PAYMENT_PROVIDER: 'sandbox' })).toMatch(/PAYMENT_PROVIDER=sandbox is refused in production/)
  })

  it('dev login refuses to run in production', () => {
    expect(refusal({ ...production, LINLI_DEV_LOGIN: '1' })).toMatch(/LINLI_DEV_LOGIN=1 is refused in production/)
  })

  it('in production WeChat Pay is the default, and every missing secret is named', () => {
    const { WECHATPAY_MCH_SERIAL, WECHATPAY_API_V3_KEY, NOTIFY_URL, ...partial } = production
    expect(refusal(partial)).toBe('PAYMENT_PROVIDER=wechatpay needs WECHATPAY_MCH_SERIAL, WECHATPAY_API_V3_KEY, NOTIFY_URL')
  })

  it('each malformed setting gets a message that says what is wrong', () => {
    expect(refusal({ ...production, PAYMENT_PROVIDER: 'alipay' })).toMatch(/PAYMENT_PROVIDER must be sandbox or wechatpay/)
    expect(refusal({ ...production, WECHATPAY_API_V3_KEY: 'too-short' })).toMatch(/WECHATPAY_API_V3_KEY must be exactly 32 bytes/)
    expect(refusal({ ...production, WECHATPAY_PRIVATE_KEY: path.join(dir, 'missing.pem') })).toMatch(
      /WECHATPAY_PRIVATE_KEY must be a PEM .* or a readable file path/,
    )
    expect(refusal({ ...production, WECHATPAY_PRIVATE_KEY: platformFile })).toMatch(/WECHATPAY_PRIVATE_KEY is not a private key/)
    expect(refusal({ ...production, WECHATPAY_PLATFORM_CERTS: '{not json' })).toMatch(/WECHATPAY_PLATFORM_CERTS is not valid JSON/)
    expect(refusal({ ...production, WECHATPAY_PLATFORM_CERTS: 'just-a-path.pem' })).toMatch(/SERIAL=\/path\/to\/cert.pem/)
    expect(refusal({ ...production, WECHATPAY_PLATFORM_CERTS: `S1=${keyFile}x` })).toMatch(/WECHATPAY_PLATFORM_CERTS \(S1\)/)
    expect(refusal({ ...production, NOTIFY_URL: 'http://api.linli.example/notify' })).toMatch(/NOTIFY_URL must be https in production/)
    expect(refusal({ ...production, NOTIFY_URL: 'https://api.linli.example/notify?x=1' })).toMatch(/query string/)
    expect(refusal({ ...production, NOTIFY_URL: 'not a url' })).toMatch(/NOTIFY_URL must be an absolute URL/)
    expect(refusal({ ...production, WECHAT_APP_ID: '', WECHAT_APP_SECRET: '' })).toMatch(/WECHAT_APP_ID/)
    expect(refusal({ ...production, WECHAT_TEMPLATE_DEAL_SUCCEEDED: 'bad id!' })).toMatch(
      /WECHAT_TEMPLATE_DEAL_SUCCEEDED must be a subscription-message template id/,
    )
    expect(refusal({ ...production, PICKUP_REMINDER_MINUTES: '-5' })).toMatch(/PICKUP_REMINDER_MINUTES/)
  })

  it('development keeps the sandbox by default and may try WeChat Pay over plain http locally', () => {
    expect(load({ NODE_ENV: 'development' }).paymentProvider).toBe('sandbox')
    const local = load({
      ...production,
      NODE_ENV: 'development',
      PAYMENT_PROVIDER: 'wechatpay',
      NOTIFY_URL: 'http://127.0.0.1:3000/api/v1/payments/wechat/notify',
    })
    expect(local.paymentProvider).toBe('wechatpay')
  })

  it('subscription-message templates are read per kind', () => {
    const config = load({ ...production, WECHAT_TEMPLATE_DEAL_SUCCEEDED: 'AbC-123_xyz-TEMPLATE', PICKUP_REMINDER_MINUTES: '90' })
    expect(config.notifications).toEqual({ templates: { deal_succeeded: 'AbC-123_xyz-TEMPLATE' }, reminderMinutes: 90 })
  })
})
