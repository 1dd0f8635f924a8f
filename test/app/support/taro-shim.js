/**
 * Stands in for `@tarojs/taro` in jest. The real build merges the platform's API onto the default
 * export with a Babel plugin and wires page lifecycle hooks to Taro's page instances; here we take
 * the H5 APIs as they are and give the page hooks a small, inspectable registry instead.
 */
const h5 = require('@tarojs/taro-h5')
const React = require('react')
const { Current } = require('@tarojs/runtime')

const taro = h5.default || {}
for (const [name, value] of Object.entries(h5)) {
  if (name !== 'default' && !(name in taro)) taro[name] = value
}

/** Callbacks registered by the mounted page, so a test can pull to refresh or read the share card. */
const pageHooks = { pullDownRefresh: [], shareAppMessage: [], didShow: [], reachBottom: [] }

function registerHook(list) {
  return function useRegistered(fn) {
    const ref = React.useRef(fn)
    ref.current = fn
    React.useEffect(() => {
      const call = (...args) => ref.current(...args)
      list.push(call)
      return () => {
        const i = list.indexOf(call)
        if (i >= 0) list.splice(i, 1)
      }
    }, [])
  }
}

const noopHook = () => undefined

Object.assign(taro, {
  useRouter: () => Current.router || { params: {}, path: '' },
  usePullDownRefresh: registerHook(pageHooks.pullDownRefresh),
  useShareAppMessage: registerHook(pageHooks.shareAppMessage),
  // a page is shown when it mounts
  useDidShow: registerHook(pageHooks.didShow),
  useLaunch: noopHook,
  useLoad: noopHook,
  useReady: noopHook,
  useDidHide: noopHook,
  useUnload: noopHook,
  useReachBottom: registerHook(pageHooks.reachBottom),
  usePageScroll: noopHook,
  __pageHooks: pageHooks,
})

module.exports = taro
module.exports.default = taro
module.exports.__esModule = true
