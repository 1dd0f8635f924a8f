import fs from 'node:fs'
import type { UserConfigExport } from '@tarojs/cli'
import type { Compiler } from 'webpack'
import { PagePreloadPlugin } from './page-preload'
import { PrecompressPlugin } from './precompress'

/** H5_STATS=file.json: which modules each chunk holds and their sizes (to see what a page loads). */
class ChunkStatsPlugin {
  constructor(private readonly file: string) {}
  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('ChunkStatsPlugin', (compilation) => {
      const out: { files: string[]; initial: boolean; kib: number; parts: Record<string, number> }[] = []
      for (const chunk of compilation.chunks) {
        const parts: Record<string, number> = {}
        // a concatenated module lists the modules it was made of
        type Counted = { modules?: Counted[]; resource?: string; identifier: () => string; size: () => number }
        const add = (module: Counted): void => {
          if (module.modules) return module.modules.forEach(add)
          const name = module.resource ?? module.identifier()
          const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(name)
          const key = m
            ? m[1]
            : name
                .replace(/^.*?\/src\//, 'src/')
                .split('/')
                .slice(0, 3)
                .join('/')
          parts[key] = (parts[key] ?? 0) + Math.round(module.size() / 1024)
        }
        for (const module of compilation.chunkGraph.getChunkModules(chunk)) add(module as unknown as Counted)
        const kib = Object.values(parts).reduce((a, b) => a + b, 0)
        out.push({
          files: [...chunk.files],
          initial: chunk.canBeInitial(),
          kib,
          parts: Object.fromEntries(
            Object.entries(parts)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 12),
          ),
        })
      }
      fs.writeFileSync(this.file, JSON.stringify(out, null, 1))
    })
  }
}

export default {
  mini: {},
  h5: {
    webpackChain(chain) {
      // Taro splits only the first screen's chunks ('initial'): every page chunk then carried its own
      // copy of the components library, NutUI and the shared src/ code (300 KB each). Splitting async
      // chunks too loads each shared piece once, and a page only what it imports.
      chain.optimization.splitChunks({
        chunks: 'all',
        minSize: 20_000,
        hidePathInfo: true,
        cacheGroups: {
          default: false,
          defaultVendors: false,
          taro: { test: /[\\/]node_modules[\\/]@tarojs[\\/]/, priority: 100, reuseExistingChunk: true },
          vendors: { test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 10, reuseExistingChunk: true },
          common: { minChunks: 2, priority: 1, reuseExistingChunk: true },
        },
      })
      chain.plugin('page-preload').use(PagePreloadPlugin)
      // after the preload list is written into index.html
      chain.plugin('precompress').use(PrecompressPlugin)
      if (process.env.H5_STATS) chain.plugin('chunk-stats').use(ChunkStatsPlugin, [process.env.H5_STATS])
    },
  },
} satisfies UserConfigExport<'webpack5'>
