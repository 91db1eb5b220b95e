import Taro from '@tarojs/taro'
import { resetTaroMock } from '../../test/taro-mock'
import { setTransport, type Transport } from './request'
import { setSession } from './session'
import { getVillagerToken, signInVillager, villagerRequest } from './villager-session'

type Call = Parameters<Transport>[0]
const env = process.env.TARO_ENV

function server(handler: (call: Call) => { statusCode: number; data: unknown }) {
  const calls: Call[] = []
  setTransport(async (call) => {
    calls.push(call)
    return handler(call)
  })
  return calls
}

beforeEach(() => {
  resetTaroMock()
  process.env.TARO_ENV = 'weapp'
})
afterAll(() => {
  process.env.TARO_ENV = env
  setTransport()
})

const later = () => new Date(Date.now() + 7 * 86400_000).toISOString()

describe('villager session', () => {
  it('signs in once for concurrent callers and keeps the token', async () => {
    let n = 0
    const calls = server(() => ({ statusCode: 201, data: { token: `v-token-${++n}`, expiresAt: later() } }))
    const [a, b] = await Promise.all([signInVillager(), signInVillager()])
    expect(a).toBe('v-token-1')
    expect(b).toBe('v-token-1')
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/villager/session', data: { code: 'test-code' } })
    expect(getVillagerToken()).toBe('v-token-1')
  })

  it('sends the villager token, never the staff one, and signs in again once on 401', async () => {
    setSession({ accessToken: 'staff-access', refreshToken: 'staff-refresh-0001', user: { id: 1, username: 'a', displayName: 'a', role: 'bookkeeper', regionId: 6 } })
    Taro.setStorageSync('mingbai.villager', { token: 'old-token', expiresAt: later() })
    const calls = server((c) => {
      if (c.url.endsWith('/villager/session')) return { statusCode: 201, data: { token: 'new-token', expiresAt: later() } }
      return c.header.Authorization === 'Bearer new-token' ? { statusCode: 200, data: [] } : { statusCode: 401, data: { code: 'TOKEN_INVALID' } }
    })
    await expect(villagerRequest('/villager/reports')).resolves.toEqual([])
    expect(calls.map((c) => `${c.method} ${c.url} ${c.header.Authorization ?? ''}`)).toEqual([
      'GET /api/villager/reports Bearer old-token',
      'POST /api/villager/session ',
      'GET /api/villager/reports Bearer new-token',
    ])
  })

  it('treats an expired token as none', () => {
    Taro.setStorageSync('mingbai.villager', { token: 't', expiresAt: new Date(Date.now() - 1000).toISOString() })
    expect(getVillagerToken()).toBeNull()
  })
})
