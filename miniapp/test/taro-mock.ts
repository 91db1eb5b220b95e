// Jest stand-in for '@tarojs/taro'. The real package is an empty shell that the platform plugin
// fills in at build time (H5 APIs are named exports that babel-plugin-transform-taroapi wires up),
// so under jest its APIs are undefined. Tests get in-memory storage and jest.fn() for the rest.
const storage = new Map<string, unknown>()

const Taro = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  clearStorageSync: jest.fn(() => storage.clear()),
  request: jest.fn(async () => ({ statusCode: 200, data: {}, header: {} })),
  uploadFile: jest.fn(async () => ({ statusCode: 200, data: '{}' })),
  downloadFile: jest.fn(async () => ({ statusCode: 200, tempFilePath: 'blob:test-file' })),
  previewImage: jest.fn(async () => ({})),
  chooseMedia: jest.fn(async () => ({ tempFiles: [], type: 'image' })),
  chooseImage: jest.fn(async () => ({ tempFilePaths: [], tempFiles: [] })),
  navigateTo: jest.fn(async () => ({})),
  redirectTo: jest.fn(async () => ({})),
  switchTab: jest.fn(async () => ({})),
  navigateBack: jest.fn(async () => ({})),
  showToast: jest.fn(async () => ({})),
  showLoading: jest.fn(async () => ({})),
  hideLoading: jest.fn(async () => ({})),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  setNavigationBarTitle: jest.fn(async () => ({})),
  pageScrollTo: jest.fn(async () => ({})),
  login: jest.fn(async () => ({ code: 'test-code' })),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' }
}

// Page/app lifecycle hooks: no-ops under jest.
const noop = () => {}
export const useLoad = noop
export const useReady = noop
export const useDidShow = noop
export const useDidHide = noop
export const useLaunch = noop
export const usePullDownRefresh = noop
export const useReachBottom = noop
// Tests set the current page's query with setRouterParams(); resetTaroMock() clears it.
let routerParams: Record<string, string> = {}
export const setRouterParams = (params: Record<string, string>) => {
  routerParams = params
}
export const useRouter = () => ({ params: routerParams, path: '' })

export const resetTaroMock = () => {
  storage.clear()
  routerParams = {}
  for (const v of Object.values(Taro)) if (typeof v === 'function' && 'mockClear' in v) (v as jest.Mock).mockClear()
}

export default Taro
