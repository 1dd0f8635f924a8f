import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAdminT, useAdminTitle, type AdminKey } from '@/i18n/admin'
import { useSession } from '@/stores/session'
import { EmptyState } from '@/components/page-state'
import { adminPath } from '../lib/format'
import './admin.scss'

export type Section = 'home' | 'deals' | 'orders' | 'refunds' | 'afterSales' | 'applications' | 'people' | 'payouts' | 'reconciliation' | 'audit'

const SECTIONS: { key: Section; page: string; label: AdminKey }[] = [
  { key: 'home', page: 'home', label: 'nav.home' },
  { key: 'deals', page: 'deals', label: 'nav.deals' },
  { key: 'orders', page: 'orders', label: 'nav.orders' },
  { key: 'refunds', page: 'refunds', label: 'nav.refunds' },
  { key: 'afterSales', page: '', label: 'nav.afterSales' },
  { key: 'applications', page: 'applications', label: 'nav.applications' },
  { key: 'people', page: 'people', label: 'nav.people' },
  { key: 'payouts', page: 'payouts', label: 'nav.payouts' },
  { key: 'reconciliation', page: 'reconciliation', label: 'nav.reconciliation' },
  { key: 'audit', page: 'audit', label: 'nav.audit' },
]

/** The operator's after-sales escalations are decided on the leader console's after-sales page. */
export const ESCALATIONS_PATH = '/leader/pages/after-sales/index?mode=admin'

export function openSection(key: Section) {
  if (key === 'afterSales') return void Taro.navigateTo({ url: ESCALATIONS_PATH })
  const section = SECTIONS.find((s) => s.key === key)!
  // sections replace each other (no deep history of tabs); the deal page is pushed on top
  void Taro.redirectTo({ url: adminPath(section.page) })
}

interface ShellProps {
  section: Section
  title: AdminKey
  /** the heading's words when they are not the title's (one deal's name) */
  heading?: string
  actions?: ReactNode
  children: ReactNode
}

/**
 * Every console page: the sections (a strip along the top on a phone, a column on the left on a
 * desktop), a heading with the page's actions, and the page in a column of readable width.
 */
export function AdminShell({ section, title, heading, actions, children }: ShellProps) {
  const t = useAdminT()
  useAdminTitle(title)
  const user = useSession((s) => s.user)
  const isAdmin = !!user?.roles.includes('admin')
  return (
    <View className='ac'>
      <View className='ac__nav' role='navigation' aria-label={t('nav.label')}>
        <Text className='ac__brand'>{t('nav.brand')}</Text>
        <View className='ac__nav-items'>
          {SECTIONS.map((s) => (
            <View
              key={s.key}
              role='link'
              aria-current={s.key === section ? 'page' : undefined}
              className={`ac__nav-item ${s.key === section ? 'ac__nav-item--on' : ''}`}
              onClick={() => (s.key === section ? undefined : openSection(s.key))}
            >
              {t(s.label)}
            </View>
          ))}
        </View>
      </View>
      <View className='ac__main'>
        <View className='ac__head'>
          <Text className='ac__title' role='heading' aria-level={1}>
            {heading ?? t(title)}
          </Text>
          {isAdmin && actions && <View className='ac__actions'>{actions}</View>}
        </View>
        {isAdmin ? children : <EmptyState title={t('common.notAdmin')} description={t('common.notAdminBody')} />}
      </View>
    </View>
  )
}
