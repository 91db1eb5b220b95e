import { buildWatchPerson, emptyWatchForm, idNumberText, watchReason } from './watch-form'

const today = '2026-03-09'

it('needs a name; everything else is optional and sent as null when blank', () => {
  expect(buildWatchPerson(emptyWatchForm('deceased'), 3, today).errors).toEqual({ name: '请填写姓名' })
  expect(buildWatchPerson({ ...emptyWatchForm('deceased'), name: ' 李四 ', relation: '  ' }, 3, today)).toEqual({
    body: { regionId: 3, listKind: 'deceased', name: '李四', idNumber: null, relation: null, sinceOn: null, source: null },
  })
})

it('checks the ID number and sends it normalised (upper case, no spaces)', () => {
  const base = { ...emptyWatchForm('cadre_relative'), name: '王小明' }
  expect(buildWatchPerson({ ...base, idNumber: '1101051949123 1002x' }, 3, today).body?.idNumber).toBe('11010519491231002X')
  expect(buildWatchPerson({ ...base, idNumber: '110105194912310021' }, 3, today).errors).toEqual({ idNumber: '身份证号校验位不正确，请核对' })
  expect(buildWatchPerson({ ...base, idNumber: '12345' }, 3, today).errors).toEqual({ idNumber: '身份证号应为18位：17位数字加1位数字或X' })
  expect(buildWatchPerson({ ...base, idNumber: '110105194913310020' }, 3, today).errors?.idNumber).toBe('身份证号中的出生日期不正确')
})

it('keeps texts within their limits and the date not in the future', () => {
  const base = { ...emptyWatchForm('moved_away'), name: '赵六' }
  expect(buildWatchPerson({ ...base, name: '名'.repeat(51) }, 3, today).errors).toEqual({ name: '姓名不能超过50个字' })
  expect(buildWatchPerson({ ...base, relation: '字'.repeat(101), source: '字'.repeat(101) }, 3, today).errors).toEqual({
    relation: '不能超过100个字',
    source: '不能超过100个字',
  })
  expect(buildWatchPerson({ ...base, sinceOn: '2026-03-10' }, 3, today).errors).toEqual({ sinceOn: '日期不能晚于今天' })
  expect(buildWatchPerson({ ...base, sinceOn: '2026-03-09' }, 3, today).body?.sinceOn).toBe('2026-03-09')
})

it('words the server’s ID reasons in Chinese', () => {
  expect(idNumberText('has a wrong check character')).toBe('身份证号校验位不正确，请核对')
  expect(idNumberText('身份证号已登记')).toBe('身份证号已登记')
  expect(idNumberText('must be a string')).toBe('身份证号不正确')
})

it('keeps ID and phone numbers out of the texts', () => {
  const base = { ...emptyWatchForm('cadre_relative'), name: '王小明' }
  expect(buildWatchPerson({ ...base, relation: '身份证11010519491231002X' }, 3, today).errors).toEqual({
    relation: '不得包含身份证号码（身份证号请填在“身份证号”一栏）',
  })
  expect(buildWatchPerson({ ...base, source: '联系13800001111' }, 3, today).errors).toEqual({ source: '不得包含手机号码' })
})

it('words the server’s other reasons in Chinese', () => {
  expect(watchReason('relation', 'relation must not contain a phone number')).toBe('不得包含手机号码')
  expect(watchReason('name', 'name must not be empty')).toBe('不能为空')
  expect(watchReason('source', 'source must be at most 100 characters')).toBe('最多100个字')
  expect(watchReason('sinceOn', 'sinceOn must be a calendar date YYYY-MM-DD')).toBe('日期不正确')
  expect(watchReason('idNumber', 'has a wrong check character')).toBe('身份证号校验位不正确，请核对')
  expect(watchReason('name', '姓名中不能有数字')).toBe('姓名中不能有数字')
})
