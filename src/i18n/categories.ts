/**
 * a deal's product category is stored as the leader typed it (the seed's are Chinese words:
 * 水果, 蔬菜, ...). The known ones have words in both languages; any other is shown as stored.
 */
import { t, type MessageKey } from './index'

const KNOWN: Record<string, MessageKey> = {
  水果: 'category.fruit',
  蔬菜: 'category.vegetables',
  粮油: 'category.grainOil',
  豆制品: 'category.soy',
  禽蛋: 'category.poultryEggs',
  水产: 'category.seafood',
  茶叶: 'category.tea',
  坚果: 'category.nuts',
  干货: 'category.driedGoods',
}

/** What a category reads as in the current language: its words when known, else as stored. */
export function categoryLabel(stored: string): string {
  const key = KNOWN[stored]
  return key ? t(key) : stored
}
