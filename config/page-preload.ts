import fs from 'node:fs'
import path from 'node:path'
import type { Compiler } from 'webpack'

/**
 * The page a link opens needs its own chunks, which the app's script only asks for once it has run:
 * a second round trip before the first paint. This writes into index.html which chunks each page
 * needs, and a line of script that preloads the ones of the page being opened, so they come down
 * beside the app's script.
 */
export class PagePreloadPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('PagePreloadPlugin', (compilation) => {
      const publicPath = String(compilation.outputOptions.publicPath ?? '/')
      const pages: Record<string, string[]> = {}
      for (const group of compilation.chunkGroups) {
        if (group.isInitial()) continue
        const request = group.origins.map((o) => o.request ?? '').find((r) => /pages\/[\w-]+\/index/.test(r))
        const page = request && /((?:[\w-]+\/)?pages\/[\w-]+\/index)/.exec(request)?.[1]
        if (!page) continue
        const files = group.getFiles().filter((f) => /\.(js|css)$/.test(f))
        pages[page] = [...new Set([...(pages[page] ?? []), ...files])]
      }
      const file = path.join(compilation.outputOptions.path ?? compiler.outputPath, 'index.html')
      if (!fs.existsSync(file) || Object.keys(pages).length === 0) return
      const home = Object.keys(pages).find((p) => p.startsWith('pages/home/')) ?? ''
      // the first answer each page asks for, fetched beside the scripts: the deal list (home) and the
      // deal (its page; the same URL src/api builds: id, and invite when there is one). Neither
      // depends on who is signed in. Only when the API is this origin (no TARO_APP_API_BASE).
      const data = process.env.TARO_APP_API_BASE
        ? ''
        : `var q=new URLSearchParams(location.search),d=p==${JSON.stringify(home)}?"/api/v1/deals":p=="pages/deal/index"&&q.get("id")?` +
          `"/api/v1/deals/"+encodeURIComponent(q.get("id"))+(q.get("invite")?"?invite="+encodeURIComponent(q.get("invite")):""):"";` +
          `if(d){var a=document.createElement("link");a.rel="preload";a.as="fetch";a.crossOrigin="anonymous";a.href=d;document.head.appendChild(a)}`
      const script =
        `<script>!function(m,b){var p=location.pathname.replace(/^\\/+|\\/+$/g,"")||${JSON.stringify(home)},f=m[p]||[];` +
        data +
        `f.forEach(function(u){var l=document.createElement("link");l.rel="preload";l.as=/\\.css$/.test(u)?"style":"script";l.href=b+u;document.head.appendChild(l)})}` +
        `(${JSON.stringify(pages)},${JSON.stringify(publicPath)})</script>`
      const html = fs.readFileSync(file, 'utf8')
      // before the stylesheet: a script after a stylesheet waits for it
      const at = html.includes('</title>') ? '</title>' : '</head>'
      if (!html.includes(at)) return
      fs.writeFileSync(file, html.replace(at, at === '</title>' ? `</title>${script}` : `${script}</head>`))
    })
  }
}
