import { useState } from 'react'
import { View, Text, Input, Button } from '@tarojs/components'
import { ROLE_LABELS } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import { setSession } from '../../../../services/session'
import FormField from '../../components/FormField'
import { staffApi } from '../../services/staff'
import { staffErrorText } from '../../services/staff-errors'
import { goToLanding } from '../../services/staff-session'
import '../../components/staff.scss'
import './index.scss'

/** Sign-in for bookkeepers (报账员), approvers (审批人) and inspectors (纪检监察); each lands on their own page. */
export default function Login() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const missing = {
      username: username.trim() ? undefined : '请输入用户名',
      password: password ? undefined : '请输入密码',
    }
    setErrors(missing)
    setFailure('')
    if (missing.username || missing.password) return
    setBusy(true)
    try {
      const res = await staffApi.login(username.trim(), password)
      setSession({ accessToken: res.accessToken, refreshToken: res.refreshToken, user: res.user })
      goToLanding(res.user.role)
    } catch (e) {
      setFailure(staffErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageRoot>
      <View className='card'>
        <Text className='t-title sf-login__intro'>工作人员登录</Text>
        <Text className='t-small sf-login__intro'>
          {ROLE_LABELS.bookkeeper}记账、{ROLE_LABELS.approver}审批、{ROLE_LABELS.inspector}人员受理举报。村民查看账目不需要登录。
        </Text>
        {failure ? <Text className='t-body sf-banner'>{failure}</Text> : null}
        <FormField name='username' label='用户名' error={errors.username}>
          <Input
            className='sf-input'
            placeholder='请输入用户名'
            value={username}
            maxlength={64}
            onInput={(e) => setUsername(e.detail.value)}
          />
        </FormField>
        <FormField name='password' label='密码' error={errors.password}>
          <Input
            className='sf-input'
            password
            placeholder='请输入密码'
            value={password}
            maxlength={200}
            onInput={(e) => setPassword(e.detail.value)}
          />
        </FormField>
        <Button className='btn-primary sf-big' onClick={submit} loading={busy} disabled={busy || undefined}>
          登录
        </Button>
      </View>
    </PageRoot>
  )
}
