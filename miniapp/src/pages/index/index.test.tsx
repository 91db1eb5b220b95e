import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { SummaryDto, VillageDto } from '@mingbai/shared'
import { setTransport, type Transport } from '../../services/request'
import { setVillageId } from '../../state/village'
import { publishedChain } from '../../../test/entries'
import Home from './index'

const entries = publishedChain(3)
const village: VillageDto = {
  id: 6,
  code: '350121101201',
  name: '石桥村',
  level: 'village',
  parentId: 3,
  path: [
    { id: 2, code: '350121000000', name: '清溪县', level: 'county', parentId: 1 },
    { id: 3, code: '350121101000', name: '青石镇', level: 'town', parentId: 2 },
  ],
  chartVersion: '2023',
  ledgerStart: '2025-01-01',
  openingBalanceFen: 100000,
  chainHead: { serial: 3, hash: entries[2].hash },
  totals: { incomeFen: 4000, expenseFen: 2000, balanceFen: 102000 },
}
const months = Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, incomeFen: 0, expenseFen: 0 }))
const summary: SummaryDto = {
  villageId: 6,
  year: 2026,
  openingBalanceFen: 100000,
  incomeFen: 123450,
  expenseFen: 2000,
  closingBalanceFen: 221450,
  months,
  subjects: [{ direction: 'income', subjectCode: '501', subjectName: '经营收入', amountFen: 123450, count: 2 }],
}

function api(routes: Record<string, () => { statusCode: number; data: unknown }>): jest.Mock {
  const fn = jest.fn<ReturnType<Transport>, Parameters<Transport>>(async ({ url }) => {
    const path = url.replace(/^\/api/, '').replace(/\?.*$/, '')
    const hit = routes[path]
    return hit ? hit() : { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: 'not found' } }
  })
  setTransport(fn)
  return fn
}

describe('village home', () => {
  beforeEach(() => setVillageId(6))

  it('shows the year totals, the monthly chart, and the verified badge for an intact chain', async () => {
    api({
      '/villages/6': () => ({ statusCode: 200, data: village }),
      '/villages/6/summary': () => ({ statusCode: 200, data: summary }),
      '/villages/6/entries': () => ({ statusCode: 200, data: { items: [...entries].reverse(), nextCursor: null } }),
    })
    const { container } = render(<Home />)
    await screen.findByText('石桥村')
    await waitFor(() => expect(container.querySelector('.totals__income')?.textContent).toBe('¥1,234.50'))
    expect(container.querySelector('.totals__balance')?.textContent).toBe('¥2,214.50')
    expect(container.querySelectorAll('.bars__month')).toHaveLength(12)
    await waitFor(() => expect(container.querySelector('.verify-badge--ok')?.textContent).toContain('账本已校验'))
    expect(container.querySelectorAll('.entry-row')).toHaveLength(3)
  })

  it('marks the ledger when an entry was changed after publication', async () => {
    const tampered = entries.map((e) => (e.serial === 2 ? { ...e, amountFen: e.amountFen * 10 } : e))
    api({
      '/villages/6': () => ({ statusCode: 200, data: village }),
      '/villages/6/summary': () => ({ statusCode: 200, data: summary }),
      '/villages/6/entries': () => ({ statusCode: 200, data: { items: tampered, nextCursor: null } }),
    })
    const { container } = render(<Home />)
    await waitFor(() => expect(container.querySelector('.verify-badge--bad')).not.toBeNull())
    expect(container.querySelectorAll('.entry-row--bad')).toHaveLength(1)
  })

  it('offers 重试 when a request fails, and recovers', async () => {
    let fail = true
    api({
      '/villages/6': () => ({ statusCode: 200, data: village }),
      '/villages/6/summary': () =>
        fail ? { statusCode: 403, data: { statusCode: 403, code: 'FORBIDDEN', message: '暂时无法查看' } } : { statusCode: 200, data: summary },
      '/villages/6/entries': () => ({ statusCode: 200, data: { items: entries, nextCursor: null } }),
    })
    const { container } = render(<Home />)
    await screen.findByText('暂时无法查看')
    fail = false
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(container.querySelector('.totals__income')?.textContent).toBe('¥1,234.50'))
  })

  it('links to the collective assets and contracts of the village', async () => {
    api({
      '/villages/6': () => ({ statusCode: 200, data: village }),
      '/villages/6/summary': () => ({ statusCode: 200, data: summary }),
      '/villages/6/entries': () => ({ statusCode: 200, data: { items: entries, nextCursor: null } }),
    })
    render(<Home />)
    await screen.findByText('石桥村')
    fireEvent.click(screen.getByText('集体资产'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/village/pages/registers/index?v=6' })
  })
})
