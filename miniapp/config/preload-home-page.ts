import type { Compiler } from 'webpack'

/**
 * H5 only: adds <link rel="preload"> for the home page's own chunks to index.html, so a phone
 * fetches them together with the app bundles instead of after them (the router loads pages lazily,
 * which on a slow network costs a whole extra download after the bundles).
 */
export class PreloadHomePagePlugin {
  constructor(private readonly pageFile = 'src/pages/index/index.tsx') {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('PreloadHomePagePlugin', (compilation) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const HtmlWebpackPlugin = require('html-webpack-plugin')
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadHomePagePlugin', (data: { headTags: unknown[]; publicPath: string }) => {
        const files = new Set<string>()
        for (const chunk of compilation.chunks) {
          if (chunk.canBeInitial()) continue
          const hasPage = compilation.chunkGraph.getChunkModules(chunk).some((m) => m.identifier().replace(/\\/g, '/').includes(this.pageFile))
          if (!hasPage) continue
          for (const group of chunk.groupsIterable) for (const c of group.chunks) if (!c.canBeInitial()) for (const f of c.files) files.add(f)
        }
        if (files.size === 0) throw new Error(`PreloadHomePagePlugin: no chunk contains ${this.pageFile}`)
        for (const file of [...files].sort()) {
          if (!/\.(js|css)$/.test(file)) continue
          data.headTags.push({
            tagName: 'link',
            voidTag: true,
            meta: { plugin: 'PreloadHomePagePlugin' },
            attributes: { rel: 'preload', as: file.endsWith('.css') ? 'style' : 'script', href: data.publicPath + file },
          })
        }
        return data
      })
    })
  }
}
