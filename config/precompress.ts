import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Compiler } from 'webpack'

const TEXT = /\.(js|css|html|svg|json)$/
const MIN_BYTES = 1024

/**
 * Writes `name.br` (Brotli 11) and `name.gz` (gzip 9) beside every text file of the H5 build, once,
 * at build time; the server sends them as they are (server/http/static-assets.ts, preCompressed),
 * smaller than on-the-fly compression and with no CPU per request.
 */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tapPromise('PrecompressPlugin', async (compilation) => {
      const outDir = compilation.outputOptions.path ?? compiler.outputPath
      const jobs: Promise<void>[] = []
      for (const name of Object.keys(compilation.assets)) {
        if (!TEXT.test(name)) continue
        const file = path.join(outDir, name)
        if (!fs.existsSync(file)) continue
        const source = fs.readFileSync(file)
        if (source.length < MIN_BYTES) continue
        jobs.push(
          new Promise<void>((resolve, reject) =>
            zlib.brotliCompress(
              source,
              { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } },
              (error, out) => (error ? reject(error) : fs.writeFile(`${file}.br`, out, (e) => (e ? reject(e) : resolve()))),
            ),
          ),
          new Promise<void>((resolve, reject) =>
            zlib.gzip(source, { level: 9 }, (error, out) =>
              error ? reject(error) : fs.writeFile(`${file}.gz`, out, (e) => (e ? reject(e) : resolve())),
            ),
          ),
        )
      }
      await Promise.all(jobs)
    })
  }
}
