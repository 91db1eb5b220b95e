import type { RuleParamDefinition } from '@mingbai/shared'
import { buildSettings, formatParam, paramOfField, paramReason, paramToInput, parseParam, rangeText, yuanText } from './rule-params'

const days: RuleParamDefinition = { key: 'graceDays', label: '宽限天数', kind: 'days', defaultValue: 60, min: 1, max: 365 }
const fen: RuleParamDefinition = { key: 'thresholdFen', label: '审批限额', kind: 'fen', defaultValue: 500_000, min: 100, max: 1_000_000_000 }
const ratio: RuleParamDefinition = { key: 'ratio', label: '比值', kind: 'ratio', defaultValue: 0.5, min: 0.05, max: 1 }
const score: RuleParamDefinition = { key: 'zMin', label: 'z 值下限', kind: 'score', defaultValue: 3, min: 1, max: 10 }
const count: RuleParamDefinition = { key: 'minComparables', label: '最少可比合同', kind: 'count', defaultValue: 3, min: 1, max: 100 }
const years: RuleParamDefinition = { key: 'leaseMaxYears', label: '租赁最长年限', kind: 'years', defaultValue: 20, min: 1, max: 99 }

it('shows values with their units, money in yuan', () => {
  expect(formatParam('days', 60)).toBe('60 天')
  expect(formatParam('fen', 500_000)).toBe('5,000 元')
  expect(formatParam('fen', 123_456)).toBe('1,234.56 元')
  expect(formatParam('fen', 5_000_000)).toBe('50,000 元')
  expect(formatParam('count', 3)).toBe('3 笔')
  expect(formatParam('ratio', 0.015)).toBe('0.015（比例）')
  expect(formatParam('years', 20)).toBe('20 年')
  expect(formatParam('score', 3)).toBe('3')
  expect(yuanText(5)).toBe('0.05')
  expect(yuanText(-150)).toBe('-1.50')
  expect(rangeText(days)).toBe('范围 1–365 天')
  expect(rangeText(fen)).toBe('范围 1–10,000,000 元')
  expect(rangeText(ratio)).toBe('范围 0.05–1')
})

it('puts yuan in the input and reads it back in fen', () => {
  expect(paramToInput('fen', 500_000)).toBe('5000')
  expect(paramToInput('fen', 123_456)).toBe('1234.56')
  expect(paramToInput('ratio', 0.5)).toBe('0.5')
  expect(parseParam(fen, ' 5000.5 ')).toEqual({ value: 500_050 })
  expect(parseParam(fen, '1.234')).toEqual({ error: '请填写金额（元），最多两位小数' })
  expect(parseParam(fen, '0.5')).toEqual({ error: '超出范围 1–10,000,000 元' })
})

it('wants whole numbers for days, counts and years, and decimals for ratios and scores, within range', () => {
  expect(parseParam(days, '90')).toEqual({ value: 90 })
  expect(parseParam(days, '7.5')).toEqual({ error: '请填写整数（天）' })
  expect(parseParam(days, '0')).toEqual({ error: '超出范围 1–365 天' })
  expect(parseParam(days, '')).toEqual({ error: '请填写' })
  expect(parseParam(count, '-1')).toEqual({ error: '请填写整数（笔）' })
  expect(parseParam(years, '30')).toEqual({ value: 30 })
  expect(parseParam(ratio, '0.35')).toEqual({ value: 0.35 })
  expect(parseParam(ratio, '1.5')).toEqual({ error: '超出范围 0.05–1' })
  expect(parseParam(ratio, 'abc')).toEqual({ error: '请填写数字，如 0.5' })
  expect(parseParam(score, '2.5')).toEqual({ value: 2.5 })
})

it('builds the region’s settings with every parameter, or the errors by key', () => {
  expect(buildSettings([days, fen], { graceDays: '90', thresholdFen: '5000' }, true, 3)).toEqual({
    body: { regionId: 3, enabled: true, params: { graceDays: 90, thresholdFen: 500_000 } },
  })
  expect(buildSettings([], {}, false, 3)).toEqual({ body: { regionId: 3, enabled: false, params: {} } })
  expect(buildSettings([days, fen], { graceDays: 'x', thresholdFen: '' }, true, 3).errors).toEqual({ graceDays: '请填写整数（天）', thresholdFen: '请填写' })
})

it('places the server’s refusals at their parameter, in words officials read', () => {
  expect(paramOfField('params.graceDays', [days])).toBe('graceDays')
  expect(paramOfField('graceDays', [days])).toBe('graceDays')
  expect(paramOfField('enabled', [days])).toBe('enabled')
  expect(paramOfField('params.unknown', [days])).toBeNull()
  expect(paramOfField('regionId', [days])).toBeNull()
  expect(paramReason('must be from 1 to 365', days)).toBe('数值不正确，范围 1–365 天')
  expect(paramReason('必须是整数', days)).toBe('必须是整数')
  // The server states money limits in fen: say them in yuan instead.
  expect(paramReason('必须在 100 到 1000000000 之间', fen)).toBe('数值不正确，范围 1–10,000,000 元')
})
