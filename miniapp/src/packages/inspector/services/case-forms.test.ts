import { buildTransition, checkRevealReason, noteAudience, noteLabel, reasonText } from './case-forms'

const empty = { note: '', outcome: '' as const, amountYuan: '' }

it('needs a note exactly where the shared rules say so', () => {
  expect(buildTransition('accept', empty)).toEqual({ body: { action: 'accept', note: null } })
  expect(buildTransition('investigate', { ...empty, note: ' 下周入户 ' })).toEqual({ body: { action: 'investigate', note: '下周入户' } })
  expect(buildTransition('decline', empty).errors).toEqual({ note: '请填写不予受理的理由' })
  expect(buildTransition('close', { ...empty, note: '  ' }).errors).toEqual({ note: '请填写给举报人的答复' })
  expect(buildTransition('confirm_rectified', empty).errors?.note).toBe('请填写整改情况')
  expect(buildTransition('accept', { ...empty, note: '字'.repeat(2001) }).errors?.note).toBe('不能超过2000个字')
})

it('concludes with an outcome and an optional amount in fen', () => {
  expect(buildTransition('conclude', empty).errors).toEqual({ note: '请填写办结意见（核查结果）', outcome: '请选择核查结论' })
  expect(buildTransition('conclude', { note: '属实', outcome: 'substantiated', amountYuan: '' }).body).toEqual({
    action: 'conclude',
    note: '属实',
    outcome: 'substantiated',
    amountRecoveredFen: null,
  })
  expect(buildTransition('conclude', { note: '属实', outcome: 'substantiated', amountYuan: ' 3200.05 ' }).body?.amountRecoveredFen).toBe(320005)
  expect(buildTransition('conclude', { note: '属实', outcome: 'substantiated', amountYuan: '0' }).body?.amountRecoveredFen).toBe(0)
  for (const bad of ['-1', '1.234', 'abc', '1,000'])
    expect(buildTransition('conclude', { note: '属实', outcome: 'substantiated', amountYuan: bad }).errors).toHaveProperty('amountRecoveredFen')
})

it('wants a reveal reason of at least 5 characters', () => {
  expect(checkRevealReason(' 核实 ')).toBe('请写明查看理由，至少5个字')
  expect(checkRevealReason('核实一下身')).toBeNull()
})

it('translates the shared rules’ reasons', () => {
  expect(reasonText('is required for this action')).toBe('这一步必须填写')
  expect(reasonText('cannot accept a case that is closed')).toBe('案件当前的状态不允许这样操作')
  expect(reasonText('reason must be 5 to 500 characters')).toBe('需要5到500个字')
  expect(reasonText('text must not be empty and at most 2000 characters')).toBe('不能为空，最多2000个字')
  expect(reasonText('note must be at most 2000 characters')).toBe('最多2000个字')
  expect(reasonText('其他原因')).toBe('其他原因')
})

it('words a warning’s notes for the office only (a warning has no reporter)', () => {
  expect(noteLabel('close')).toBe('给举报人的答复')
  expect(noteLabel('close', 'warning')).toBe('结案说明')
  expect(noteLabel('conclude', 'warning')).toBe('办结意见（核查结果）')
  expect(noteAudience('conclude')).toBe('举报人可以看到办结意见。')
  expect(noteAudience('conclude', 'warning')).toContain('不属实时请写明原因')
  expect(noteAudience('decline', 'warning')).toBe('仅纪检监察人员可见。')
  expect(noteAudience('confirm_rectified', 'warning')).toContain('整改结果和证据')
  expect(buildTransition('close', { note: '', outcome: '', amountYuan: '' }, 'warning').errors).toEqual({ note: '请填写结案说明' })
  expect(buildTransition('conclude', { note: '入账延迟，款已收', outcome: 'not_substantiated', amountYuan: '' }, 'warning').body).toEqual({
    action: 'conclude',
    note: '入账延迟，款已收',
    outcome: 'not_substantiated',
    amountRecoveredFen: null,
  })
})
