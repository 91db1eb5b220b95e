import type { VillageDto } from '@mingbai/shared'
import { API_BASE } from '../../../../services/request'

/** The village of the poster: `?v=` of the page, else the signed-in staff member's own region. */
export function posterVillageId(v: string | undefined, regionId: number | null | undefined): number | null {
  const fromQuery = Number(v)
  if (v && Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery
  return regionId && regionId > 0 ? regionId : null
}

/** The image a villager scans: a WeChat mini-program code or a QR code of the H5 address (the server decides). */
export function qrCodeUrl(villageId: number): string {
  return `${API_BASE}/api/villages/${villageId}/qrcode.png`
}

/** "清溪县 · 青石镇 · 石桥村": county, town and the village itself. */
export function villagePlace(village: VillageDto): string {
  return [...village.path.filter((r) => r.level === 'county' || r.level === 'town'), village].map((r) => r.name).join(' · ')
}

/** 「石桥村集体三资公开」 */
export function posterTitle(village: VillageDto): string {
  return `${village.name}集体三资公开`
}
