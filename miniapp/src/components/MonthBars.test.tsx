import { render, screen } from '@testing-library/react'
import MonthBars from './MonthBars'

it('draws one income and one expense bar per month, scaled to the largest value', () => {
  const { container } = render(
    <MonthBars
      data={[
        { month: '2025-11', incomeFen: 200000, expenseFen: 100000 },
        { month: '2025-12', incomeFen: 50000, expenseFen: 0 }
      ]}
    />
  )
  expect(screen.getByText('11')).toBeTruthy()
  const heights = Array.from(container.querySelectorAll<HTMLElement>('.bars__bar')).map((b) => b.style.height)
  expect(heights).toEqual(['100%', '50%', '25%', '0%'])
  expect(screen.getByText('合计收入 ¥2,500.00')).toBeTruthy()
})
