import Taro from '@tarojs/taro'
import { getVillageId, setVillageId, villageIdFromLaunch } from './village'

/** The H5 address, where a `?v=` may sit before the hash route; empty on weapp. */
function currentHref(): string {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? window.location.href : ''
}

let launchConsumed = false

/**
 * The village to show: one carried by how the app was opened (QR code) wins once and is
 * remembered; after that, the one chosen last. Null means the villager must choose.
 */
export function resolveVillageId(params: Record<string, string | undefined>): number | null {
  if (!launchConsumed) {
    launchConsumed = true
    const launched = villageIdFromLaunch(params, currentHref())
    if (launched !== null) setVillageId(launched)
  }
  return getVillageId()
}

/**
 * Remembers a village the villager chose. On H5 the address's `?v=` follows the choice, so that a
 * reload or a shared link shows the same village (the `?v=` an address was opened with wins).
 */
export function chooseVillage(id: number): void {
  setVillageId(id)
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  const url = new URL(window.location.href)
  if (url.searchParams.get('v') === String(id)) return
  url.searchParams.set('v', String(id))
  window.history.replaceState(window.history.state, '', url.toString())
}

export function goChooseVillage(): void {
  void Taro.navigateTo({ url: '/pages/choose/index' })
}
