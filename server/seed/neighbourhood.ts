import type { Tier, TierBasis } from '../../types/api'
import type { PointSpec } from './builders'

/**
 * The demo neighbourhood: 递铺街道, the county seat of 安吉县 (湖州, 浙江) — a small town of tea
 * hills and bamboo, where a convenience store, a stay-at-home mum and a fruit stall run the group
 * buys. Coordinates are around the town centre (about 30.63N 119.68E); names of people are made up.
 */

export interface LeaderSeed {
  handle: string
  nickname: string
  phone: string
  points: PointSpec[]
}

export const leaders: LeaderSeed[] = [
  {
    handle: 'wang-store',
    nickname: '王姐便利店',
    phone: '13857210001',
    points: [
      {
        name: '王姐便利店（胜利西路店）',
        address: '浙江省湖州市安吉县递铺街道胜利西路38号',
        lat: 30.6386,
        lng: 119.6758,
        hours: '07:00-22:00',
        contact: '13857210001',
      },
      {
        name: '王姐便利店（阳光小区店）',
        address: '安吉县递铺街道阳光小区东门商铺5号',
        lat: 30.6431,
        lng: 119.6822,
        hours: '07:30-21:30',
        contact: '13857210001',
      },
    ],
  },
  {
    handle: 'li-mama',
    nickname: '李妈妈',
    phone: '13957220002',
    points: [
      {
        name: '李妈妈家（桃园小区3幢）',
        address: '安吉县递铺街道桃园小区3幢1单元楼下车库',
        lat: 30.6309,
        lng: 119.6874,
        hours: '09:00-20:00',
        contact: '13957220002',
      },
      {
        name: '凤凰山小区快递驿站',
        address: '安吉县递铺街道凤凰山小区北门驿站',
        lat: 30.6268,
        lng: 119.6791,
        hours: '10:00-19:00',
        contact: '13957220002',
      },
    ],
  },
  {
    handle: 'zhang-fruit',
    nickname: '张叔水果摊',
    phone: '13757230003',
    points: [
      {
        name: '张叔水果摊（递铺农贸市场）',
        address: '安吉县递铺街道递铺农贸市场南门12号摊位',
        lat: 30.6352,
        lng: 119.6903,
        hours: '06:00-18:00',
        contact: '13757230003',
      },
      {
        name: '递铺老街口（张叔三轮车）',
        address: '安吉县递铺街道老街与浦源大道交叉口',
        lat: 30.6398,
        lng: 119.6951,
        hours: '16:00-19:30',
        contact: '13757230003',
      },
    ],
  },
]

export const shoppers: { handle: string; nickname: string; phone: string }[] = [
  { handle: 'xiaomei', nickname: '小梅', phone: '13600001111' },
  { handle: 'zhou-jie', nickname: '周姐', phone: '13600002222' },
  { handle: 'lao-chen', nickname: '老陈', phone: '13600003333' },
  { handle: 'tingting', nickname: '婷婷', phone: '13600004444' },
  { handle: 'a-hua', nickname: '阿华', phone: '13600005555' },
  { handle: 'liu-ayi', nickname: '刘阿姨', phone: '13600006666' },
  { handle: 'xiaoyu', nickname: '小雨', phone: '13600007777' },
  { handle: 'da-ming', nickname: '大明', phone: '13600008888' },
  { handle: 'sun-nainai', nickname: '孙奶奶', phone: '13600009999' },
  { handle: 'jiajia', nickname: '佳佳', phone: '13600000000' },
]

export interface DealSeed {
  leader: string
  title: string
  name: string
  spec: string
  description: string
  /** file name in ./images, without .svg */
  image: string
  category: string
  listPriceFen: number
  tierBasis: TierBasis
  tiers: Tier[]
  minToSucceed: number
  stockUnits?: number
  perUserLimit?: number
  /** hours from now */
  cutoffInHours: number
  /** who has joined and paid already, in order: [shopper handle, quantity, invited by] */
  joins: [string, number, string?][]
  draft?: boolean
}

const t = (...pairs: [number, number][]): Tier[] => pairs.map(([threshold, unitPriceFen]) => ({ threshold, unitPriceFen }))

export const deals: DealSeed[] = [
  {
    leader: 'zhang-fruit',
    title: '丹东红颜草莓 今早现摘 坏果包赔',
    name: '丹东红颜草莓',
    spec: '500g/盒',
    description: '大棚红颜，个头均匀，酸甜多汁。到货当天请尽快食用。',
    image: 'strawberry',
    category: '水果',
    listPriceFen: 4980,
    tierBasis: 'people',
    tiers: t([1, 3980], [4, 3380], [8, 2980], [12, 2680]),
    minToSucceed: 4,
    stockUnits: 30,
    perUserLimit: 2,
    cutoffInHours: 2.25,
    joins: [
      ['xiaomei', 1],
      ['tingting', 2, 'xiaomei'],
      ['jiajia', 1],
    ],
  },
  {
    leader: 'li-mama',
    title: '本地上海青 早上地里刚拔的',
    name: '本地青菜（上海青）',
    spec: '500g/份',
    description: '递铺镇郊菜地直供，不打农药，带点泥土是正常的。',
    image: 'greens',
    category: '蔬菜',
    listPriceFen: 600,
    tierBasis: 'units',
    tiers: t([1, 490], [10, 390], [30, 290]),
    minToSucceed: 5,
    perUserLimit: 5,
    cutoffInHours: 5,
    joins: [
      ['liu-ayi', 3],
      ['sun-nainai', 2],
      ['zhou-jie', 5],
      ['lao-chen', 4],
    ],
  },
  {
    leader: 'wang-store',
    title: '五常稻花香大米 新米上市',
    name: '五常稻花香大米',
    spec: '5kg/袋',
    description: '2026年新米，真空包装，煮饭香软。',
    image: 'rice',
    category: '粮油',
    listPriceFen: 8990,
    tierBasis: 'units',
    tiers: t([1, 7990], [20, 6990], [40, 6590]),
    minToSucceed: 10,
    stockUnits: 80,
    perUserLimit: 4,
    cutoffInHours: 9,
    joins: [
      ['da-ming', 2],
      ['a-hua', 1],
      ['zhou-jie', 4],
      ['lao-chen', 2],
      ['xiaoyu', 3],
    ],
  },
  {
    leader: 'li-mama',
    title: '农家手工卤水豆腐 当天做当天送',
    name: '农家手工豆腐',
    spec: '1kg/盒',
    description: '山泉水点卤，豆香浓，适合红烧和炖汤。',
    image: 'tofu',
    category: '豆制品',
    listPriceFen: 1200,
    tierBasis: 'people',
    tiers: t([1, 890], [5, 690], [10, 590]),
    minToSucceed: 3,
    perUserLimit: 3,
    cutoffInHours: 14,
    joins: [
      ['sun-nainai', 1],
      ['liu-ayi', 2],
      ['xiaomei', 1],
      ['tingting', 1, 'xiaomei'],
      ['jiajia', 2],
    ],
  },
  {
    leader: 'li-mama',
    title: '散养土鸡蛋 山里跑山鸡下的',
    name: '农家土鸡蛋',
    spec: '30枚/箱',
    description: '安吉山区散养，蛋黄橙红。破损包赔，提货时当面检查。',
    image: 'eggs',
    category: '禽蛋',
    listPriceFen: 5500,
    tierBasis: 'units',
    tiers: t([1, 4500], [10, 3990], [20, 3600]),
    minToSucceed: 5,
    stockUnits: 50,
    perUserLimit: 4,
    cutoffInHours: 20,
    joins: [
      ['zhou-jie', 2],
      ['a-hua', 3],
      ['xiaoyu', 1, 'a-hua'],
      ['sun-nainai', 2],
    ],
  },
  {
    leader: 'zhang-fruit',
    title: '阳山水蜜桃 冷库鲜储 一口爆汁',
    name: '阳山水蜜桃',
    spec: '6个装/约1.5kg',
    description: '无锡阳山产区，单果约250g，软桃请轻拿轻放。',
    image: 'peach',
    category: '水果',
    listPriceFen: 5980,
    tierBasis: 'people',
    tiers: t([1, 4980], [3, 3980], [6, 3580]),
    minToSucceed: 3,
    perUserLimit: 3,
    cutoffInHours: 26,
    joins: [
      ['tingting', 1],
      ['xiaomei', 2],
      ['da-ming', 1],
      ['lao-chen', 1, 'da-ming'],
    ],
  },
  {
    leader: 'wang-store',
    title: '千岛湖有机鱼头 炖汤一绝',
    name: '千岛湖有机鱼头',
    spec: '约1.5kg/个',
    description: '淳安千岛湖鲢鳙鱼头，急冻锁鲜，已去鳃处理。',
    image: 'fish',
    category: '水产',
    listPriceFen: 7800,
    tierBasis: 'people',
    tiers: t([1, 6880], [4, 5880], [8, 5280]),
    minToSucceed: 2,
    stockUnits: 20,
    perUserLimit: 2,
    cutoffInHours: 30,
    joins: [
      ['lao-chen', 1],
      ['da-ming', 1],
    ],
  },
  {
    leader: 'li-mama',
    title: '黄心土豆 炖肉炒丝都好吃',
    name: '黄心土豆',
    spec: '2.5kg/袋',
    description: '沙瓤黄心，个头中等，耐储存。',
    image: 'potato',
    category: '蔬菜',
    listPriceFen: 1590,
    tierBasis: 'units',
    tiers: t([1, 1290], [10, 990]),
    minToSucceed: 5,
    cutoffInHours: 33,
    joins: [],
  },
  {
    leader: 'wang-store',
    title: '沙瓤番茄 有小时候的味道',
    name: '本地番茄',
    spec: '1.5kg/份',
    description: '自然成熟的沙瓤番茄，生吃炒蛋都行。',
    image: 'tomato',
    category: '蔬菜',
    listPriceFen: 1480,
    tierBasis: 'units',
    tiers: t([1, 1180], [15, 980], [30, 880]),
    minToSucceed: 5,
    stockUnits: 60,
    cutoffInHours: 40,
    joins: [
      ['jiajia', 2],
      ['a-hua', 2],
    ],
  },
  {
    leader: 'zhang-fruit',
    title: '安吉冬笋 刚出山的头茬笋',
    name: '安吉冬笋',
    spec: '2.5kg/箱',
    description: '本地竹山现挖，带壳带泥保鲜，炒肉、腌笃鲜都合适。',
    image: 'bamboo-shoot',
    category: '蔬菜',
    listPriceFen: 6980,
    tierBasis: 'units',
    tiers: t([1, 5980], [10, 4980]),
    minToSucceed: 5,
    stockUnits: 40,
    cutoffInHours: 44,
    joins: [['liu-ayi', 1]],
  },
  {
    leader: 'wang-store',
    title: '安吉白茶 明前一级 茶园直发',
    name: '安吉白茶',
    spec: '50g/罐',
    description: '溪龙乡茶园明前采摘，氨基酸含量高，鲜爽回甘。',
    image: 'white-tea',
    category: '茶叶',
    listPriceFen: 16800,
    tierBasis: 'people',
    tiers: t([1, 12800], [5, 10800], [10, 9800]),
    minToSucceed: 3,
    stockUnits: 60,
    perUserLimit: 2,
    cutoffInHours: 50,
    joins: [
      ['zhou-jie', 1],
      ['xiaoyu', 2],
      ['a-hua', 1, 'xiaoyu'],
      ['liu-ayi', 1, 'xiaoyu'],
    ],
  },
  {
    leader: 'zhang-fruit',
    title: '赣南脐橙 果园直发 10斤装',
    name: '赣南脐橙',
    spec: '5kg/箱',
    description: '江西赣州信丰脐橙，果径75mm以上，皮薄易剥。',
    image: 'navel-orange',
    category: '水果',
    listPriceFen: 5980,
    tierBasis: 'people',
    tiers: t([1, 4980], [5, 4280], [10, 3880]),
    minToSucceed: 5,
    cutoffInHours: 60,
    joins: [
      ['xiaomei', 1],
      ['lao-chen', 1],
      ['da-ming', 2],
      ['tingting', 1],
      ['sun-nainai', 1],
      ['jiajia', 1, 'xiaomei'],
    ],
  },
  {
    leader: 'wang-store',
    title: '烟台红富士 脆甜不打蜡',
    name: '山东烟台红富士苹果',
    spec: '12个装/约3kg',
    description: '栖霞山地果园，80mm大果，冷链到店。',
    image: 'apple',
    category: '水果',
    listPriceFen: 4980,
    tierBasis: 'people',
    tiers: t([1, 3980], [3, 3480], [6, 2980]),
    minToSucceed: 3,
    cutoffInHours: 68,
    joins: [['a-hua', 1]],
  },
  {
    leader: 'li-mama',
    title: '临安山核桃 手剥奶油味',
    name: '临安山核桃',
    spec: '500g/袋',
    description: '今年新货，个大壳薄，奶油口味不齁甜。',
    image: 'hickory-nuts',
    category: '坚果',
    listPriceFen: 7800,
    tierBasis: 'units',
    tiers: t([1, 6800], [20, 5800], [50, 5200]),
    minToSucceed: 10,
    stockUnits: 100,
    perUserLimit: 5,
    cutoffInHours: 71,
    joins: [],
  },
  {
    leader: 'wang-store',
    title: '安吉冬笋干 老板娘自家晒的（草稿）',
    name: '安吉笋干',
    spec: '250g/袋',
    description: '还在准备中，下周上架。',
    image: 'bamboo-shoot',
    category: '干货',
    listPriceFen: 4500,
    tierBasis: 'people',
    tiers: t([1, 3800], [5, 3300]),
    minToSucceed: 3,
    cutoffInHours: 72,
    joins: [],
    draft: true,
  },
]

/**
 * Suppliers (供货商) of the town: a fruit cooperative up the hill and a rice and oil wholesaler at
 * the market, each with an open deal that the leaders help sell (帮卖) at their points. `deal`
 * is a DealSeed whose `leader` is unused; `points` are [leader handle, index of her point].
 */
export interface SupplierSeed {
  handle: string
  nickname: string
  phone: string
  name: string
  contactName: string
  depotAddress: string
  depotLat: number
  depotLng: number
  /** offered to the help-selling leaders (basis points) */
  commissionBps: number
  points: [string, number][]
  deal: Omit<DealSeed, 'leader' | 'draft'>
}

export const suppliers: SupplierSeed[] = [
  {
    handle: 'shanqian-coop',
    nickname: '周社长',
    phone: '13857240004',
    name: '山前果蔬合作社',
    contactName: '周建国',
    depotAddress: '安吉县递铺街道山前村果蔬合作社冷库',
    depotLat: 30.6521,
    depotLng: 119.6712,
    commissionBps: 1200,
    points: [
      ['wang-store', 0],
      ['li-mama', 0],
      ['zhang-fruit', 0],
    ],
    deal: {
      title: '山前水蜜桃 合作社当天采摘 全镇拼团',
      name: '山前水蜜桃',
      spec: '6个装/约2kg',
      description: '山前村合作社自家桃园，清早采摘、冷库预冷，明天统一配送到各自提点。',
      image: 'peach',
      category: '水果',
      listPriceFen: 6800,
      tierBasis: 'people',
      tiers: t([1, 5800], [5, 4980], [10, 4280], [20, 3880]),
      minToSucceed: 5,
      stockUnits: 200,
      perUserLimit: 4,
      cutoffInHours: 14,
      joins: [
        ['xiaomei', 1],
        ['zhou-jie', 2],
        ['lao-chen', 1],
        ['tingting', 1, 'xiaomei'],
        ['sun-nainai', 2],
        ['jiajia', 1],
      ],
    },
  },
  {
    handle: 'chengnan-grain',
    nickname: '钱老板',
    phone: '13957250005',
    name: '城南粮油批发',
    contactName: '钱卫东',
    depotAddress: '安吉县递铺街道城南粮油批发市场A区6号',
    depotLat: 30.6189,
    depotLng: 119.6842,
    commissionBps: 800,
    points: [
      ['wang-store', 1],
      ['li-mama', 1],
    ],
    deal: {
      title: '五常稻花香大米 批发价直供 10斤装',
      name: '五常稻花香大米',
      spec: '5kg/袋',
      description: '城南粮油批发直供，当季新米，真空包装，明天送到自提点。',
      image: 'rice',
      category: '粮油',
      listPriceFen: 8990,
      tierBasis: 'units',
      tiers: t([1, 7990], [10, 6990], [30, 6590]),
      minToSucceed: 10,
      stockUnits: 150,
      perUserLimit: 5,
      cutoffInHours: 16,
      joins: [
        ['a-hua', 2],
        ['liu-ayi', 1],
        ['da-ming', 3],
        ['xiaoyu', 2],
      ],
    },
  },
]
