import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// the shared API contract lives outside src/ and holds runtime constants, so babel must see it too
const compile = { include: [path.resolve(__dirname, '..', 'types')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-26',
    // NutUI React Taro is drawn at 375 wide; our own styles at 750 (Taro's default).
    designWidth(input) {
      const file = typeof input === 'object' && input ? (input as { file?: string }).file : undefined
      if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // H5_OUT builds the H5 app elsewhere (the perf run), leaving dist/h5 to whoever serves it
    outputRoot: process.env.TARO_ENV === 'h5' && process.env.H5_OUT ? process.env.H5_OUT : `dist/${process.env.TARO_ENV}`,
    // without plugin-html NutUI's <i> icons have no template in the weapp build
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {},
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // the map marker is referenced by path at runtime (WeChat's Map wants a package file, not a data URI)
    copy: {
      patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/assets/map-pin.png', to: 'dist/weapp/assets/map-pin.png' }] : [],
      options: {},
    },
    // Taro's mini-program terser writes every non-ASCII character as a 6-byte \uXXXX escape; WeChat
    // reads UTF-8 sources, so the Chinese words ship as 3-byte characters instead (6 KB off the main package)
    // and a second compress pass (3 KB off the weapp main package)
    terser: { enable: true, config: { output: { ascii_only: false }, compress: { passes: 2 } } },
    // WeChat cannot recurse templates: base.wxml spells out each nesting level (16 by default, 3 KB
    // each); deeper trees continue through Taro's recursive comp component, as they did past 16
    baseLevel: 14,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile,
      // src/domain is pure (no I/O, nothing runs on import): a page importing one rule from the
      // '@/domain' barrel then carries only that rule's module, and rules only subpackages use
      // (deal input, after-sales, proxy pickup) stay out of the main package
      webpackChain(chain) {
        chain.module
          .rule('pure-domain')
          .test(/[\\/]src[\\/]domain[\\/].*\.ts$/)
          .set('sideEffects', false)
      },
      // pages share components whose styles land in one common chunk; their order does not matter
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: {
        host: '127.0.0.1',
        proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
