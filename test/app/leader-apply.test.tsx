import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import ApplyPage from '@/leader/pages/apply/index'
import PointPage from '@/leader/pages/point/index'
import { useLocale } from '@/i18n'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { shopper } from './support/fixtures'

function type(label: string, value: string) {
  fireEvent(screen.getByLabelText(label), new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

beforeEach(() => {
  useSession.getState().signIn({ token: 't', user: shopper })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
})

describe('applying to become a leader', () => {
  it('sends the applicant and the first pickup point, with typed coordinates as numbers and the phone as contact', async () => {
    const calls = fakeApi({ 'POST /leader-applications': (req) => ({ status: 201, body: { id: 'a-1', status: 'pending', ...req.body } }) })
    render(<ApplyPage />)
    type('姓名', '梅小芳')
    type('所在小区', '幸福里小区')
    type('手机号', '13912345678')
    type('自提点名称', '幸福里便利店')
    type('详细地址', '幸福路12号')
    type('纬度', '30.5428')
    type('经度', '114.3162')
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }))
    expect(calls).toHaveLength(1)
    expect(calls[0].body).toEqual({
      name: '梅小芳',
      community: '幸福里小区',
      phone: '13912345678',
      pickupPoint: { name: '幸福里便利店', address: '幸福路12号', lat: 30.5428, lng: 114.3162, hours: '08:00-21:00', contact: '13912345678' },
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '申请已提交' }))
  })

  it('says what is missing and sends nothing; shows the server refusal in words', async () => {
    const calls = fakeApi({
      'POST /leader-applications': { status: 409, body: { error: { code: 'APPLICATION_PENDING', message: '你的申请正在审核中，请耐心等待' } } },
    })
    render(<ApplyPage />)
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }))
    expect(screen.getByText('请填写姓名')).toBeInTheDocument()
    expect(screen.getByText('请填写 11 位手机号')).toBeInTheDocument()
    expect(screen.getByText('请点“使用我现在的位置”，或手动填写经纬度')).toBeInTheDocument()
    expect(calls).toHaveLength(0)

    type('姓名', '梅小芳')
    type('所在小区', '幸福里小区')
    type('手机号', '13912345678')
    type('自提点名称', '幸福里便利店')
    type('详细地址', '幸福路12号')
    type('纬度', '30.5')
    type('经度', '114.3')
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }))
    expect(await screen.findByText('你的申请正在审核中，请耐心等待')).toBeInTheDocument()
  })
})

describe('adding a pickup point', () => {
  it('refuses coordinates off the map and saves a good point', async () => {
    useSession.getState().signIn({ token: 't', user: { ...shopper, roles: ['shopper', 'leader'] } })
    const calls = fakeApi({ 'POST /leader/pickup-points': (req) => ({ status: 201, body: { id: 'pp-new', leaderId: shopper.id, ...req.body } }) })
    render(<PointPage />)
    type('自提点名称', '阳光小区3栋')
    type('详细地址', '阳光路8号')
    type('联系方式', '13800000000')
    type('纬度', '123')
    type('经度', '114.3')
    await userEvent.click(screen.getByRole('button', { name: '保存自提点' }))
    expect(screen.getByText('请点“使用我现在的位置”，或手动填写经纬度')).toBeInTheDocument()
    expect(calls).toHaveLength(0)

    type('纬度', '30.61')
    await userEvent.click(screen.getByRole('button', { name: '保存自提点' }))
    expect(calls[0].body).toEqual({ name: '阳光小区3栋', address: '阳光路8号', lat: 30.61, lng: 114.3, hours: '08:00-21:00', contact: '13800000000' })
  })
})

describe('the console in English', () => {
  afterEach(() => useLocale.getState().reset())

  it("says what is missing, and the server's refusal, in English", async () => {
    useLocale.getState().setLocale('en')
    fakeApi({
      'POST /leader-applications': () => ({
        status: 409,
        body: { error: { code: 'APPLICATION_PENDING', message: '你的申请正在审核中，请耐心等待' } },
      }),
    })
    render(<ApplyPage />)
    await userEvent.click(screen.getByRole('button', { name: 'Submit application' }))
    expect(screen.getByText('Enter your name')).toBeInTheDocument()
    expect(screen.getByText('Enter an 11-digit mobile number')).toBeInTheDocument()
    expect(screen.getByText('Tap “Use my current location”, or type latitude and longitude')).toBeInTheDocument()

    type('Name', '梅小芳')
    type('Neighbourhood', '幸福里小区')
    type('Mobile number', '13912345678')
    type('Pickup point name', '幸福里便利店')
    type('Address', '幸福路12号')
    type('Latitude', '30.5')
    type('Longitude', '114.3')
    await userEvent.click(screen.getByRole('button', { name: 'Submit application' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Your application is being reviewed; please wait')
    expect(document.body.textContent).not.toMatch(/审核|请填写/)
  })
})
