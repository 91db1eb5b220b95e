import Taro from '@tarojs/taro'
import { resetTaroMock } from '../../test/taro-mock'
import { INSPECTOR_PAGE, openWorkbench, workbenchUrl } from './auth'

beforeEach(() => resetTaroMock())

it.each([
  ['bookkeeper', '/packages/staff/pages/bookkeeper/index'],
  ['approver', '/packages/staff/pages/approver/index'],
  ['inspector', '/packages/inspector/pages/dashboard/index'],
  ['admin', null],
] as const)('a %s works at %s', (role, url) => {
  expect(workbenchUrl(role)).toBe(url)
})

it('opens the inspector dashboard from 我的 → 进入工作台', () => {
  openWorkbench('inspector')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: INSPECTOR_PAGE })
})

it('opens nothing for a role without a workbench', () => {
  openWorkbench('admin')
  expect(Taro.navigateTo).not.toHaveBeenCalled()
})
