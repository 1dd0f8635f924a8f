import { colors } from './styles/theme'

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/deal/index', 'pages/orders/index', 'pages/me/index'],
  // the leader console is a subpackage: shoppers never download it
  subPackages: [
    {
      root: 'leader',
      pages: [
        'pages/home/index',
        'pages/apply/index',
        'pages/admin/index',
        'pages/point/index',
        'pages/deal-edit/index',
        'pages/deal/index',
        'pages/picking/index',
        'pages/verify/index',
        'pages/earnings/index',
        // the wallet: balance, withdrawals (提现); ?owner=supplier for a supplier's
        'pages/wallet/index',
        // the leader's pickup staff (and an invitee accepting)
        'pages/staff/index',
        // requests at the leader's points, and the operator's escalations
        'pages/after-sales/index',
        // help-selling (帮卖): supplier deals on offer, and receiving their deliveries
        'pages/offers/index',
        'pages/receipts/index',
      ],
    },
    // the supplier console (供货商): its own subpackage, like the leader's
    {
      root: 'supplier',
      pages: [
        'pages/home/index',
        'pages/apply/index',
        'pages/deal-edit/index',
        'pages/deal/index',
        'pages/purchase-orders/index',
        'pages/packing-lists/index',
        'pages/route/index',
        'pages/deliveries/index',
        'pages/owed/index',
      ],
    },
    // the operator console (运营后台): comfortable on a phone and at a desktop browser's 1280 px
    {
      root: 'admin',
      pages: [
        'pages/home/index',
        'pages/deals/index',
        'pages/deal/index',
        'pages/orders/index',
        'pages/refunds/index',
        'pages/applications/index',
        'pages/people/index',
        'pages/payouts/index',
        'pages/reconciliation/index',
        'pages/audit/index',
      ],
    },
    // shopper screens that are not tabs nor the share landing (deal): the main package stays small,
    // and preloadRule below fetches this subpackage as soon as a page that leads here opens
    {
      root: 'shopper',
      pages: [
        // an order: its pickup code (QR), proxy pickup, after-sales; opened from orders, deal, messages
        'pages/order/index',
        // the pickup points near me (map), from 我的
        'pages/pickup-points/index',
        // the shopper's messages, from 我的
        'pages/messages/index',
        // a neighbour's proxy pickup (代取)
        'pages/proxy/index',
        // the shopper's after-sales request form
        'pages/after-sales/index',
        // several deals checked out together, one payment
        'pages/basket/index',
      ],
    },
  ],
  // WeChat downloads the shopper subpackage in the background when these open, so an order opens at once
  preloadRule: {
    'pages/orders/index': { network: 'all', packages: ['shopper'] },
    'pages/deal/index': { network: 'all', packages: ['shopper'] },
    'pages/me/index': { network: 'all', packages: ['shopper'] },
  },
  window: {
    // 'default' also makes Taro draw its navigation bar (title, back, home) on H5
    navigationStyle: 'default',
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: colors.green,
    navigationBarTitleText: '邻里团',
    navigationBarTextStyle: 'white',
    backgroundColor: colors.pageBg,
  },
  tabBar: {
    color: colors.textFaint,
    selectedColor: colors.green,
    backgroundColor: colors.white,
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '团购', iconPath: 'assets/tab-home.png', selectedIconPath: 'assets/tab-home-on.png' },
      { pagePath: 'pages/orders/index', text: '订单', iconPath: 'assets/tab-orders.png', selectedIconPath: 'assets/tab-orders-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab-me.png', selectedIconPath: 'assets/tab-me-on.png' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离你最近的自提点' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
})
