import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { WatchPersonDto, WatchPersonInput } from '@mingbai/shared'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signInInspector, type FakeCall } from '../../testing/fixtures'
import Watchlist from './index'

beforeEach(() => {
  resetTaroMock()
  signInInspector()
})
afterAll(() => setTransport())

function person(over: Partial<WatchPersonDto> = {}): WatchPersonDto {
  return {
    id: 5,
    regionId: 3,
    regionName: '清溪镇',
    listKind: 'cadre_relative',
    name: '王小明',
    hasIdHash: true,
    relation: '村委会主任王某之子',
    sinceOn: '2021-01-01',
    source: '镇组织办',
    active: true,
    createdAt: '2026-03-01T02:00:00.000Z',
    ...over,
  }
}

const listCalls = (calls: FakeCall[]) => calls.filter((c) => c.method === 'GET' && c.path === '/inspector/watchlist')
const VALID_ID = '11010519491231002x'

function server(extra: Record<string, (c: FakeCall) => unknown> = {}) {
  let people = [person(), person({ id: 6, name: '李四', hasIdHash: false, relation: null, sinceOn: null, source: null, active: false })]
  const calls = fakeApi({
    // The whole list as an array (a paged answer works too, see below).
    'GET /inspector/watchlist': (c) =>
      people.filter((p) => p.listKind === (c.query.get('listKind') ?? p.listKind) && (c.query.get('active') === 'all' || p.active)),
    'POST /inspector/watchlist': (c) => {
      const b = c.data as WatchPersonInput
      const created = person({ id: 9, listKind: b.listKind, name: b.name, hasIdHash: !!b.idNumber, relation: b.relation, sinceOn: b.sinceOn, source: b.source })
      people = [...people, created]
      return [201, created]
    },
    'DELETE /inspector/watchlist/5': () => {
      people = people.map((p) => (p.id === 5 ? { ...p, active: false } : p))
      return people[0]
    },
    'PATCH /inspector/watchlist/6': (c) => {
      people = people.map((p) => (p.id === 6 ? { ...p, ...(c.data as { active: boolean }) } : p))
      return people[1]
    },
    ...extra,
  })
  return calls
}

it('lists a watch list by kind, never showing ID numbers, and searches it', async () => {
  const calls = server()
  const { container } = render(<Watchlist />)
  expect(await screen.findByText('王小明')).toBeTruthy()
  expect(Object.fromEntries(listCalls(calls)[0].query)).toEqual({ listKind: 'cadre_relative' })
  const row = container.querySelector('.ip-watch__row--5')!
  expect(row.querySelector('.ip-watch__id')!.textContent).toBe('已登记身份证')
  expect(row.textContent).toContain('村委会主任王某之子')
  expect(row.textContent).toContain('任职（关系）起始日期：2021年1月1日')
  expect(row.textContent).toContain('村干部及近亲属 · 清溪镇 · 来源：镇组织办')
  expect(container.querySelector('.ip-watch__row--6')).toBeNull()

  // People taken off the list are shown on request.
  fireEvent.click(screen.getByText('含已停用'))
  await waitFor(() => expect(listCalls(calls).at(-1)!.query.get('active')).toBe('all'))
  const off = await waitFor(() => {
    const el = container.querySelector('.ip-watch__row--6')
    if (!el) throw new Error('not yet')
    return el
  })
  expect(off.querySelector('.ip-watch__id')).toBeNull()
  expect(off.querySelector('.ip-watch__off')!.textContent).toBe('已停用')
  expect(off.querySelector('.ip-watch__deactivate')).toBeNull()

  fireEvent.click(screen.getByText('已故人员'))
  await waitFor(() => expect(listCalls(calls).at(-1)!.query.get('listKind')).toBe('deceased'))
  expect(await screen.findByText('已故人员名单中还没有人员')).toBeTruthy()
  expect(screen.getByText(/在死亡日期以后仍向此人付款时/)).toBeTruthy()

  fireEvent.input(container.querySelector('input[placeholder="搜索姓名"]')!, { target: { value: ' 王 ' } })
  fireEvent.click(screen.getByText('搜索'))
  await waitFor(() => expect(Object.fromEntries(listCalls(calls).at(-1)!.query)).toEqual({ listKind: 'deceased', q: '王', active: 'all' }))
})

it('pages a long list with the server’s cursor', async () => {
  const calls = fakeApi({
    'GET /inspector/watchlist': (c) =>
      c.query.get('cursor') ? { items: [person({ id: 8, name: '赵六' })], nextCursor: null } : { items: [person()], nextCursor: 'p2' },
  })
  render(<Watchlist />)
  await screen.findByText('王小明')
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('赵六')).toBeTruthy()
  expect(listCalls(calls)[1].query.get('cursor')).toBe('p2')
})

it('adds a person with an optional ID number that is checked here and never shown again', async () => {
  const calls = server()
  const { container } = render(<Watchlist />)
  await screen.findByText('王小明')
  fireEvent.click(screen.getByText('添加人员'))
  expect(screen.getByText('添加比对人员')).toBeTruthy()
  const field = (name: string) => container.querySelector(`.sf-field--${name}`)!
  const error = (name: string) => field(name).querySelector('.sf-field__error')?.textContent

  fireEvent.click(screen.getByText('保存'))
  expect(error('name')).toBe('请填写姓名')

  fireEvent.click(field('listKind').querySelector('.ip-chip:nth-child(2)')!) // 公职人员
  expect(screen.getByText('入职日期')).toBeTruthy()
  fireEvent.input(container.querySelector('input[placeholder="请填写姓名"]')!, { target: { value: ' 张三 ' } })
  const id = container.querySelector('input[placeholder="18位身份证号"]')!
  fireEvent.input(id, { target: { value: '110105194912310021' } })
  fireEvent.click(screen.getByText('保存'))
  expect(error('idNumber')).toBe('身份证号校验位不正确，请核对')
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

  fireEvent.input(id, { target: { value: VALID_ID } })
  fireEvent.input(container.querySelector('input[placeholder="如：县教育局在编"]')!, { target: { value: '县教育局在编' } })
  fireEvent.change(container.querySelector('input[type="date"]')!, { target: { value: '2019-09-01' } })
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1))
  expect(calls.find((c) => c.method === 'POST')!.data).toEqual({
    regionId: 3,
    listKind: 'public_servant',
    name: '张三',
    idNumber: '11010519491231002X',
    relation: '县教育局在编',
    sinceOn: '2019-09-01',
    source: null,
  })
  // Back on the list of the kind just added to.
  expect(await screen.findByText('张三')).toBeTruthy()
  expect(listCalls(calls).at(-1)!.query.get('listKind')).toBe('public_servant')
  expect(container.querySelector('.ip-watch__row--9 .ip-watch__id')!.textContent).toBe('已登记身份证')
  expect(container.textContent).not.toMatch(/11010519491231002/i)
  expect(JSON.stringify((Taro.setStorageSync as unknown as jest.Mock).mock.calls)).not.toMatch(/11010519491231002/i)
})

it('shows the server’s refusals next to the fields', async () => {
  server({
    'POST /inspector/watchlist': () =>
      errorBody(400, 'VALIDATION_FAILED', 'invalid', [
        { field: 'idNumber', reason: 'has an impossible date of birth' },
        { field: 'name', reason: '姓名中不能有数字' },
        { field: 'relation', reason: 'relation must not contain a phone number' },
      ]),
  })
  const { container } = render(<Watchlist />)
  await screen.findByText('王小明')
  fireEvent.click(screen.getByText('添加人员'))
  fireEvent.input(container.querySelector('input[placeholder="请填写姓名"]')!, { target: { value: '王五' } })
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(container.querySelector('.sf-field--idNumber .sf-field__error')?.textContent).toBe('身份证号中的出生日期不正确'))
  expect(container.querySelector('.sf-field--name .sf-field__error')!.textContent).toBe('姓名中不能有数字')
  expect(container.querySelector('.sf-field--relation .sf-field__error')!.textContent).toBe('不得包含手机号码')
  fireEvent.click(screen.getByText('取消'))
  expect(await screen.findByText('王小明')).toBeTruthy()
})

it('takes a person off the list after asking, and puts one back', async () => {
  const calls = server()
  const { container } = render(<Watchlist />)
  await screen.findByText('王小明')
  ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('停用'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1))
  expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0)

  fireEvent.click(screen.getByText('停用'))
  await waitFor(() => expect(container.querySelector('.ip-watch__row--5')).toBeNull())
  expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/inspector/watchlist/5'])
  expect(await screen.findByText('村干部及近亲属名单中还没有人员')).toBeTruthy()

  fireEvent.click(screen.getByText('含已停用'))
  fireEvent.click((await screen.findAllByText('恢复比对'))[1])
  await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1))
  expect(calls.find((c) => c.method === 'PATCH')!).toMatchObject({ path: '/inspector/watchlist/6', data: { active: true } })
  await waitFor(() => expect(container.querySelector('.ip-watch__row--6 .ip-watch__deactivate')).toBeTruthy())
})
