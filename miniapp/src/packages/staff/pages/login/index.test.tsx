import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { getSession } from '../../../../services/session'
import { errorBody, fakeApi } from '../../testing/fake-api'
import Login from './index'

const tokens = (role: string) => ({
  accessToken: 'a',
  refreshToken: 'r'.repeat(43),
  expiresIn: 900,
  user: { id: 3, username: 'u', displayName: '某人', role, regionId: 6 },
})

function fill(container: HTMLElement, username: string, password: string) {
  fireEvent.input(container.querySelector('input[placeholder="请输入用户名"]')!, { target: { value: username } })
  fireEvent.input(container.querySelector('input[placeholder="请输入密码"]')!, { target: { value: password } })
  fireEvent.click(screen.getByText('登录'))
}

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('asks for both fields before calling the server', () => {
  const calls = fakeApi({})
  render(<Login />)
  fireEvent.click(screen.getByText('登录'))
  expect(screen.getByText('请输入用户名')).toBeTruthy()
  expect(screen.getByText('请输入密码')).toBeTruthy()
  expect(calls).toHaveLength(0)
})

it('shows the server message for a wrong password and stays on the page', async () => {
  const calls = fakeApi({ 'POST /auth/login': () => errorBody(401, 'INVALID_CREDENTIALS', '用户名或密码错误') })
  const { container } = render(<Login />)
  fill(container, 'demo_bookkeeper', 'wrong-password')
  expect(await screen.findByText('用户名或密码错误')).toBeTruthy()
  expect(calls[0].data).toEqual({ username: 'demo_bookkeeper', password: 'wrong-password' })
  expect(calls[0].header.Authorization).toBeUndefined()
  expect(getSession()).toBeNull()
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})

it('explains a locked account with the unlock time in China time', async () => {
  fakeApi({ 'POST /auth/login': () => errorBody(423, 'ACCOUNT_LOCKED', '密码错误次数过多，账号已锁定至 2026-11-26T09:30:00.000Z') })
  const { container } = render(<Login />)
  fill(container, 'demo_bookkeeper', 'x')
  expect(await screen.findByText('密码错误次数过多，账号已锁定，请在11月26日 17:30 之后再试')).toBeTruthy()
})

it.each([
  ['bookkeeper', '/packages/staff/pages/bookkeeper/index'],
  ['approver', '/packages/staff/pages/approver/index'],
  ['inspector', '/packages/inspector/pages/dashboard/index'],
])('stores the session and sends a %s to their page', async (role, url) => {
  fakeApi({ 'POST /auth/login': () => tokens(role) })
  const { container } = render(<Login />)
  fill(container, ' demo_user ', 'mingbai-demo-2026')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url }))
  expect(getSession()).toEqual({ accessToken: 'a', refreshToken: 'r'.repeat(43), user: tokens(role).user })
})

it('sends other roles back to the 我的 tab', async () => {
  const calls = fakeApi({ 'POST /auth/login': () => tokens('admin') })
  const { container } = render(<Login />)
  fill(container, 'demo_admin', 'mingbai-demo-2026')
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }))
  expect(calls[0].data).toEqual({ username: 'demo_admin', password: 'mingbai-demo-2026' })
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})
