import { setTransport } from './request'
import { setSession } from './session'
import { assetUrl, contractUrl, registerQuery, registersApi, registersUrl } from './registers'
import { fakeApi } from '../packages/staff/testing/fake-api'

afterAll(() => setTransport())

it('builds queries from the set values only', () => {
  expect(registerQuery({ kind: 'pond', usage: undefined, cursor: null, limit: 20 })).toBe('?kind=pond&limit=20')
  expect(registerQuery({ overdue: false, phase: '' })).toBe('')
  expect(registerQuery({ overdue: true, cursor: 'a b' })).toBe('?overdue=true&cursor=a%20b')
})

it('calls the public register endpoints without the staff token', async () => {
  setSession({ accessToken: 'staff-token', refreshToken: 'r'.repeat(28), user: { id: 1, username: 'bk', displayName: 'bk', role: 'bookkeeper', regionId: 6 } })
  const calls = fakeApi({
    'GET /villages/6/registers': () => ({ villageId: 6 }),
    'GET /villages/6/assets': () => ({ items: [], nextCursor: null }),
    'GET /villages/6/contracts': () => ({ items: [], nextCursor: null }),
    'GET /assets/3': () => ({ id: 3, contracts: [] }),
    'GET /contracts/21': () => ({ id: 21 }),
  })
  await registersApi.summary(6)
  await registersApi.assets(6, { kind: 'land', usage: 'idle', cursor: '40', limit: 20 })
  await registersApi.contracts(6, { phase: 'active', overdue: true, cursor: null, limit: 20 })
  await registersApi.asset(3)
  await registersApi.contract(21)
  expect(calls.map((c) => `${c.method} ${c.path}?${c.query.toString()}`)).toEqual([
    'GET /villages/6/registers?',
    'GET /villages/6/assets?kind=land&usage=idle&cursor=40&limit=20',
    'GET /villages/6/contracts?phase=active&overdue=true&limit=20',
    'GET /assets/3?',
    'GET /contracts/21?',
  ])
  expect(calls.every((c) => !c.header.Authorization)).toBe(true)
})

it('links the pages of the village package', () => {
  expect(registersUrl(6)).toBe('/packages/village/pages/registers/index?v=6')
  expect(registersUrl(6, 'contracts')).toBe('/packages/village/pages/registers/index?v=6&tab=contracts')
  expect(assetUrl(3)).toBe('/packages/village/pages/asset/index?id=3')
  expect(contractUrl(21)).toBe('/packages/village/pages/contract/index?id=21')
})
