import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { setTransport } from '../services/request'
import LedgerFilters, { type LedgerFilter } from './LedgerFilters'

const chart = {
  version: '2023',
  title: '农村集体经济组织会计制度',
  source: 'test',
  verified: false,
  accounts: [
    { code: '101', name: '库存现金', direction: null, level: 1 },
    { code: '501', name: '经营收入', direction: 'income', level: 1 },
    { code: '513', name: '管理费用', direction: 'expense', level: 1 },
  ],
}

function Harness({ changes }: { changes: LedgerFilter[] }) {
  const [value, setValue] = useState<LedgerFilter>({})
  return (
    <LedgerFilters
      villageId={6}
      value={value}
      onChange={(next) => {
        changes.push(next)
        setValue(next)
      }}
    />
  )
}

describe('ledger filters', () => {
  beforeEach(() =>
    setTransport(async ({ url }) => {
      if (url === '/api/villages/6') return { statusCode: 200, data: { id: 6, chartVersion: '2023' } }
      if (url === '/api/chart?version=2023') return { statusCode: 200, data: chart }
      return { statusCode: 404, data: {} }
    }),
  )

  it('filters by direction and offers only that direction’s subjects', async () => {
    const changes: LedgerFilter[] = []
    const { container } = render(<Harness changes={changes} />)
    await screen.findByText('科目：全部科目')
    fireEvent.click(screen.getByText('支出'))
    expect(changes.at(-1)).toEqual({ direction: 'expense', subject: undefined })
    const options = Array.from(container.querySelectorAll('select[data-picker="selector"] option')).map((o) => o.textContent)
    expect(options).toEqual(['', '全部科目', '513 管理费用'])
    fireEvent.change(container.querySelector('select[data-picker="selector"]')!, { target: { value: '1' } })
    expect(changes.at(-1)).toEqual({ direction: 'expense', subject: '513' })
  })

  it('takes a month range and refuses an end before the start', async () => {
    const changes: LedgerFilter[] = []
    const { container } = render(<Harness changes={changes} />)
    const [from, to] = Array.from(container.querySelectorAll<HTMLInputElement>('input[data-picker="date"]'))
    fireEvent.change(from, { target: { value: '2026-05-01' } })
    expect(changes.at(-1)).toEqual({ from: '2026-05' })
    expect(screen.getByText('从 2026年5月')).toBeTruthy()
    fireEvent.change(to, { target: { value: '2026-03-01' } })
    expect(screen.getByText('结束月份不能早于开始月份')).toBeTruthy()
    expect(changes).toHaveLength(1)
    fireEvent.change(to, { target: { value: '2026-07-01' } })
    expect(changes.at(-1)).toEqual({ from: '2026-05', to: '2026-07' })
    expect(screen.queryByText('结束月份不能早于开始月份')).toBeNull()
  })

  it('searches the trimmed keyword', async () => {
    const changes: LedgerFilter[] = []
    const { container } = render(<Harness changes={changes} />)
    fireEvent.input(container.querySelector('input[placeholder="搜索摘要或对方名称"]')!, { target: { value: '  修路 ' } })
    fireEvent.click(screen.getByText('搜索'))
    await waitFor(() => expect(changes.at(-1)).toEqual({ q: '修路' }))
  })
})
