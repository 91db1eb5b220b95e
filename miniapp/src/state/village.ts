import Taro from '@tarojs/taro'

/** The village the villager chose; remembered across visits. */
const KEY = 'mingbai.villageId'

export function getVillageId(): number | null {
  const v = Number(Taro.getStorageSync(KEY))
  return Number.isInteger(v) && v > 0 ? v : null
}

export function setVillageId(id: number): void {
  Taro.setStorageSync(KEY, id)
}

/**
 * A village id carried by the way the app was opened: the weapp `scene` of a mini-program code
 * (e.g. "v=12"), or the H5 address's `?v=12` (before or after the # of the hash route).
 */
export function villageIdFromLaunch(params: Record<string, string | undefined> = {}, href = ''): number | null {
  const candidates: (string | undefined)[] = [params.v]
  if (params.scene) candidates.push(/(?:^|&)v=(\d+)/.exec(decodeURIComponent(params.scene))?.[1])
  const m = /[?&]v=(\d+)/.exec(href)
  if (m) candidates.push(m[1])
  for (const c of candidates) {
    const n = Number(c)
    if (c && Number.isInteger(n) && n > 0) return n
  }
  return null
}
