import { villageIdFromLaunch } from './village'

describe('opening the app on a village', () => {
  it('reads the weapp scene of a mini-program code', () => {
    expect(villageIdFromLaunch({ scene: encodeURIComponent('v=12') })).toBe(12)
    expect(villageIdFromLaunch({ scene: 'x=1&v=7' })).toBe(7)
  })

  it('reads ?v= of the H5 address before or after the hash route', () => {
    expect(villageIdFromLaunch({}, 'https://mingbai.example/?v=6#/pages/index/index')).toBe(6)
    expect(villageIdFromLaunch({}, 'https://mingbai.example/#/pages/index/index?v=9')).toBe(9)
  })

  it('ignores anything that is not a positive id', () => {
    expect(villageIdFromLaunch({ v: '0' })).toBeNull()
    expect(villageIdFromLaunch({ v: 'abc' }, 'https://x/?v=-3')).toBeNull()
    expect(villageIdFromLaunch({})).toBeNull()
  })
})
