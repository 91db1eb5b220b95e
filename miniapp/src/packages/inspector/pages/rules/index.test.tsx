import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { RuleDto, RuleSettingsRequest } from '@mingbai/shared'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, rule, signInInspector, type FakeCall } from '../../testing/fixtures'
import Rules from './index'

beforeEach(() => {
  resetTaroMock()
  signInInspector()
})
afterAll(() => setTransport())

const largeCash = rule({
  id: 'large-cash',
  title: '大额现金支付',
  explanation: '现金支出超过限额的。',
  severity: 'medium',
  params: [{ key: 'limitFen', label: '现金支付限额', kind: 'fen', defaultValue: 200_000, min: 100, max: 100_000_000 }],
  effectiveParams: { limitFen: 200_000 },
  precision: null,
  concluded: 0,
  substantiated: 0,
  openWarnings: 0,
  lastRun: null,
})
const benford = rule({
  id: 'benford',
  title: '本福特定律检验',
  explanation: '全镇一年的支出金额首位数字分布。',
  severity: 'low',
  enabled: false,
  params: [
    { key: 'minCount', label: '最少笔数', kind: 'count', defaultValue: 300, min: 50, max: 100_000 },
    { key: 'madLimit', label: 'MAD 上限', kind: 'ratio', defaultValue: 0.015, min: 0.001, max: 0.1 },
  ],
  effectiveParams: { minCount: 300, madLimit: 0.015 },
  precision: 0,
  concluded: 2,
  substantiated: 0,
  openWarnings: 1,
  lastRun: { ruleId: 'benford', mode: 'manual', startedAt: '2026-03-08T02:00:00.000Z', durationMs: 1500, findings: 0, created: 0, resolved: 0, error: 'timeout' },
})

function server(extra: Record<string, (c: FakeCall) => unknown> = {}) {
  let rules: RuleDto[] = [rule({ effectiveParams: { graceDays: 90 } }), largeCash, benford]
  const calls = fakeApi({
    'GET /inspector/rules': () => rules,
    'PUT /inspector/rules/rent-arrears/settings': (c) => {
      const body = c.data as RuleSettingsRequest
      rules = rules.map((r) => (r.id === 'rent-arrears' ? { ...r, enabled: body.enabled, effectiveParams: body.params } : r))
      return rules[0]
    },
    ...extra,
  })
  return calls
}

const card = (container: HTMLElement, id: string) => container.querySelector(`.ip-rule--${id}`)!

it('shows each rule with its parameters in their units, precision, open warnings and last run', async () => {
  const calls = server()
  const { container } = render(<Rules />)
  expect(await screen.findByText('租金拖欠')).toBeTruthy()
  expect(calls[0].path).toBe('/inspector/rules')
  expect(calls[0].query.get('regionId')).toBe('3')

  const rent = card(container, 'rent-arrears')
  expect(rent.querySelector('.ip-sev--high')!.textContent).toBe('重点')
  expect(rent.querySelector('.ip-rule__enabled')!.textContent).toBe('已启用')
  expect(rent.querySelector('.ip-rule__param--graceDays')!.textContent).toBe('宽限天数90 天（默认 60 天）')
  expect(rent.querySelector('.ip-rule__precision')!.textContent).toBe('准确率 75%（3/4）')
  expect(rent.querySelector('.ip-rule__lastrun')!.textContent).toBe('上次运行：2026年3月9日 02:00（定时运行），发现 5 条（新增 1，消除 2），用时 412 毫秒')

  const cash = card(container, 'large-cash')
  expect(cash.querySelector('.ip-rule__param--limitFen')!.textContent).toBe('现金支付限额2,000 元')
  expect(cash.querySelector('.ip-rule__precision')!.textContent).toBe('准确率 暂无')
  expect(cash.querySelector('.ip-rule__lastrun')!.textContent).toBe('还没有运行过')

  const b = card(container, 'benford')
  expect(b.querySelector('.ip-rule__enabled')!.textContent).toBe('已停用')
  expect(b.querySelector('.ip-rule__param--minCount')!.textContent).toBe('最少笔数300 笔')
  expect(b.querySelector('.ip-rule__param--madLimit')!.textContent).toBe('MAD 上限0.015（比例）')
  expect(b.querySelector('.ip-rule__precision')!.textContent).toBe('准确率 0%（0/2）')
  expect(b.querySelector('.ip-rule__lastrun')!.textContent).toContain('运行出错：timeout')

  fireEvent.click(rent.querySelector('.ip-rule__open')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/pages/inbox/index?kind=warning&ruleId=rent-arrears' })
})

it('scrolls to the rule asked for', async () => {
  setRouterParams({ ruleId: 'large-cash' })
  server()
  const { container } = render(<Rules />)
  await screen.findByText('大额现金支付')
  await waitFor(() => expect(Taro.pageScrollTo).toHaveBeenCalledWith({ selector: '.ip-rule--large-cash', duration: 300 }))
  expect(card(container, 'large-cash').className).toContain('ip-rule--focus')
  expect(card(container, 'rent-arrears').className).not.toContain('ip-rule--focus')
})

it('edits the region’s parameters, checked at the field before sending', async () => {
  const calls = server()
  const { container } = render(<Rules />)
  await screen.findByText('租金拖欠')
  fireEvent.click(card(container, 'rent-arrears').querySelector('.ip-rule__edit')!)
  const input = card(container, 'rent-arrears').querySelector('.sf-field--graceDays input') as HTMLInputElement
  expect(input.value).toBe('90')
  expect(card(container, 'rent-arrears').querySelector('.ip-rule__range')!.textContent).toBe('默认 60 天，范围 1–365 天')

  fireEvent.input(input, { target: { value: '400' } })
  fireEvent.click(screen.getByText('保存'))
  expect(container.querySelector('.sf-field--graceDays .sf-field__error')!.textContent).toBe('超出范围 1–365 天')
  expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0)

  fireEvent.click(screen.getByText('恢复默认'))
  expect(input.value).toBe('60')
  fireEvent.input(input, { target: { value: '45' } })
  fireEvent.click(screen.getByText('停用'))
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1))
  expect(calls.find((c) => c.method === 'PUT')!.data).toEqual({ regionId: 3, enabled: false, params: { graceDays: 45 } })
  await waitFor(() => expect(card(container, 'rent-arrears').querySelector('.ip-rule__param--graceDays')!.textContent).toBe('宽限天数45 天（默认 60 天）'))
  expect(card(container, 'rent-arrears').querySelector('.ip-rule__enabled')!.textContent).toBe('已停用')
  expect(container.querySelector('.ip-rule__form')).toBeNull()
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
})

it('恢复默认 clears the region’s own values instead of pinning the defaults', async () => {
  const calls = server()
  const { container } = render(<Rules />)
  await screen.findByText('租金拖欠')
  fireEvent.click(card(container, 'rent-arrears').querySelector('.ip-rule__edit')!)
  fireEvent.click(screen.getByText('恢复默认'))
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1))
  expect(calls.find((c) => c.method === 'PUT')!.data).toMatchObject({ regionId: 3, params: {} })
})

it('sends money in fen and shows the server’s refusal at the field, in yuan', async () => {
  const calls = server({
    'PUT /inspector/rules/large-cash/settings': () =>
      errorBody(400, 'VALIDATION_FAILED', 'invalid', [
        { field: 'params.limitFen', reason: 'must be from 100 to 100000000' },
        { field: 'regionId', reason: 'must be a region within yours' },
      ]),
  })
  const { container } = render(<Rules />)
  await screen.findByText('大额现金支付')
  fireEvent.click(card(container, 'large-cash').querySelector('.ip-rule__edit')!)
  const input = container.querySelector('.sf-field--limitFen input') as HTMLInputElement
  expect(input.value).toBe('2000')
  expect(screen.getByText('现金支付限额（元）')).toBeTruthy()
  fireEvent.input(input, { target: { value: '3000.5' } })
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(container.querySelector('.sf-field--limitFen .sf-field__error')?.textContent).toBe('数值不正确，范围 1–1,000,000 元'))
  expect(calls.find((c) => c.method === 'PUT')!.data).toEqual({ regionId: 3, enabled: true, params: { limitFen: 300050 } })
  expect(container.querySelector('.ip-rule__form .sf-banner')!.textContent).toBe('设置未能保存，请刷新页面后重试')
})

it('runs one rule or all of them now and shows the figures', async () => {
  let fail = false
  const calls = server({
    'POST /inspector/rules/run': (c) => {
      if (fail) return [503, { statusCode: 503, code: 'UNAVAILABLE', message: 'x', details: [] }]
      const one = (c.data as { ruleId?: string }).ruleId
      const run = (ruleId: string, findings: number) => ({ ruleId, mode: 'manual', startedAt: '2026-03-09T02:00:00.000Z', durationMs: 1234, findings, created: 1, resolved: 0, error: null })
      return one ? [run(one, 6)] : [run('rent-arrears', 6), run('large-cash', 2), { ...run('benford', 0), error: 'timeout' }]
    },
  })
  const { container } = render(<Rules />)
  await screen.findByText('租金拖欠')
  fireEvent.click(card(container, 'rent-arrears').querySelector('.ip-rule__run')!)
  await waitFor(() => expect(card(container, 'rent-arrears').querySelector('.ip-rule__result')?.textContent).toBe('本次运行：发现 6 条（新增 1，消除 0），用时 1.2 秒'))
  expect(calls.filter((c) => c.method === 'POST')[0].data).toEqual({ ruleId: 'rent-arrears' })
  // The list is read again for the new last run and open warnings.
  expect(calls.filter((c) => c.path === '/inspector/rules')).toHaveLength(2)

  fireEvent.click(screen.getByText('全部规则立即运行'))
  await waitFor(() => expect(container.querySelector('.ip-rules__all-result')?.textContent).toBe('本次运行：3 条规则：发现 8 条（新增 3，消除 0），1 条出错'))
  expect(calls.filter((c) => c.method === 'POST')[1].data).toEqual({})
  expect(card(container, 'benford').querySelector('.ip-rule__result')!.textContent).toBe('本次运行：运行出错：timeout')

  fail = true
  fireEvent.click(screen.getByText('全部规则立即运行'))
  await waitFor(() => expect(container.querySelector('.ip-rules__error')?.textContent).toBe('运行失败：服务器忙，请稍后重试'))
})
