// Inside WeChat: run by the app-weapp jest project (./foo is the foo.weapp file the weapp build uses).
import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { miniCodeFile } from '@/components/share-poster/platform.weapp'
import DealPage from '@/pages/deal/index'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW } from './support/fixtures'

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0xff, 0xd9]).buffer

function weappFiles() {
  const written: { filePath: string; data: unknown }[] = []
  ;(Taro as unknown as { env: Record<string, string> }).env = { USER_DATA_PATH: 'wxfile://usr' }
  jest.spyOn(Taro, 'getFileSystemManager').mockReturnValue({
    writeFile: (o: { filePath: string; data: unknown; success: () => void }) => {
      written.push({ filePath: o.filePath, data: o.data })
      o.success()
    },
  } as never)
  return written
}

describe("the share poster's mini-program code in WeChat", () => {
  it("fetches the deal's code with the sharer's invite as image bytes and keeps it as a file the canvas draws", async () => {
    const written = weappFiles()
    const request = jest
      .spyOn(Taro, 'request')
      .mockResolvedValue({ statusCode: 200, header: { 'Content-Type': 'image/jpeg' }, data: JPEG, errMsg: 'ok' } as never)
    const file = await miniCodeFile('d-orange', 'MEI1')
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringMatching(/\/api\/v1\/deals\/d-orange\/wxacode\?invite=MEI1$/), responseType: 'arraybuffer' }),
    )
    expect(file).toBe('wxfile://usr/wxacode-d-orange-MEI1.jpg')
    expect(written).toEqual([{ filePath: file, data: JPEG }])
  })

  it('keeps the QR of the page path when the server has no code to give (WeChat not set up, a refusal)', async () => {
    weappFiles()
    jest.spyOn(Taro, 'request').mockResolvedValue({
      statusCode: 404,
      header: { 'content-type': 'application/json' },
      data: Uint8Array.from(Buffer.from(JSON.stringify({ error: { code: 'WXACODE_NOT_CONFIGURED', message: '' } }))).buffer,
      errMsg: 'ok',
    } as never)
    expect(await miniCodeFile('d-orange', null)).toBeNull()
  })
})

describe('opening the deal page by scanning a poster', () => {
  it("reads the code's scene, and opens its deal with the inviter's invite", async () => {
    const calls = fakeApi({
      'GET /wxacode/scenes/Ab3dE9xK2m': { body: { dealId: 'd-orange', inviteCode: 'MEI1' } },
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ inviter: { nickname: '张小梅' } }) } },
    })
    // WeChat hands the page the scene URL-encoded
    Current.router = {
      params: { scene: encodeURIComponent('Ab3dE9xK2m') },
      path: '/pages/deal/index',
      $taroPath: '',
      onReady: '',
      onHide: '',
      onShow: '',
    }
    render(<DealPage />)
    expect(await screen.findByRole('note')).toHaveTextContent('张小梅 邀请你参团')
    const dealRead = calls.find((c) => c.path === '/deals/d-orange')
    expect(dealRead?.query.invite).toBe('MEI1')
  })
})
