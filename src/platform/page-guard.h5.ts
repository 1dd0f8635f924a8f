import { t } from '@/i18n'
import './page-guard.scss'

const NOTICE_ID = 'linli-offline-notice'

export function isFetchFailure(reason: unknown): boolean {
  if (!reason || typeof reason !== 'object') return false
  const { name, code, message } = reason as { name?: unknown; code?: unknown; message?: unknown }
  if (name === 'ChunkLoadError' || code === 'NETWORK_ERROR') return true
  // a stylesheet chunk, or fetch itself
  return typeof message === 'string' && /Loading (CSS )?chunk [\w-]+ failed|Failed to fetch/.test(message)
}

function notice(): HTMLElement {
  const existing = document.getElementById(NOTICE_ID)
  if (existing) return existing
  const box = document.createElement('div')
  box.id = NOTICE_ID
  box.className = 'page-guard'
  box.setAttribute('role', 'alert')
  const title = document.createElement('div')
  title.className = 'page-guard__title'
  const body = document.createElement('div')
  body.className = 'page-guard__body'
  const actions = document.createElement('div')
  actions.className = 'page-guard__actions'
  const retry = document.createElement('button')
  retry.className = 'page-guard__retry'
  retry.type = 'button'
  const close = document.createElement('button')
  close.className = 'page-guard__close'
  close.type = 'button'
  actions.append(close, retry)
  box.append(title, body, actions)
  retry.addEventListener('click', () => {
    if (navigator.onLine === false) {
      body.textContent = t('offline.still')
      return
    }
    // the page's code is fetched again (the router asks for the same page on reload)
    window.location.reload()
  })
  close.addEventListener('click', () => box.remove())
  document.body.appendChild(box)
  return box
}

/** Shows (or refreshes) the notice; the words are read when shown, so they follow the language. */
export function showFetchFailure(): void {
  const box = notice()
  box.querySelector('.page-guard__title')!.textContent = t('offline.title')
  box.querySelector('.page-guard__body')!.textContent = t('offline.body')
  box.querySelector('.page-guard__retry')!.textContent = t('offline.retry')
  box.querySelector('.page-guard__close')!.textContent = t('offline.close')
}

/** Taro's page containers scroll: a keyboard can reach them, and they are the page's main region. */
function focusablePages(root: ParentNode): void {
  root.querySelectorAll?.('.taro_page:not([tabindex])').forEach((page) => {
    page.setAttribute('tabindex', '0')
    page.setAttribute('role', 'main')
  })
}

let installed = false

export function installPageGuard(): void {
  if (installed || typeof window === 'undefined') return
  installed = true
  window.addEventListener('unhandledrejection', (event) => {
    if (!isFetchFailure(event.reason)) return
    event.preventDefault()
    showFetchFailure()
  })
  // a page's stylesheet or script element that failed (errors of elements do not bubble: capture)
  window.addEventListener(
    'error',
    (event) => {
      if (isFetchFailure((event as ErrorEvent).error)) return showFetchFailure()
      const el = event.target as HTMLElement | null
      if (el && (el.tagName === 'SCRIPT' || (el.tagName === 'LINK' && (el as HTMLLinkElement).rel === 'stylesheet'))) showFetchFailure()
    },
    true,
  )
  window.addEventListener('online', () => document.getElementById(NOTICE_ID)?.remove())
  focusablePages(document)
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach((node) => node instanceof Element && focusablePages(node.parentNode ?? node))
  }).observe(document.body, { childList: true, subtree: true })
}
