import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { PreloadHomePagePlugin } from './preload-home-page'
import devConfig from './dev'
import prodConfig from './prod'

// The workspace package @mingbai/shared (symlinked into node_modules by npm workspaces).
const sharedDir = path.resolve(__dirname, '../../shared')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'mingbai-miniapp',
    date: '2026-11-26',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    // One folder per target, or the weapp and h5 builds erase each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    // The API origin for weapp builds (an https address on the mini-program's allowed-domain list).
    // Empty on H5, which the API server serves itself, so relative URLs work.
    env: {
      TARO_APP_API: JSON.stringify(process.env.TARO_APP_API ?? ''),
      // The WeChat subscribe-message template for report progress notices (must match the server's WECHAT_SUBSCRIBE_TEMPLATE_ID).
      TARO_APP_SUBSCRIBE_TEMPLATE: JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Let babel see the shared package (needed when its TS source is imported; harmless for dist).
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      // Absolute: the app is served at '/' (index.html + js/ css/ static/); hash routes never change the path.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('preload-home-page').use(PreloadHomePagePlugin)
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
