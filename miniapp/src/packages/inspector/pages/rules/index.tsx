import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { RuleDto, RuleRunDto, RuleSettingsRequest } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import RuleCard from '../../components/RuleCard'
import RuleSettingsForm from '../../components/RuleSettingsForm'
import { inboxUrl } from '../../services/inbox-list'
import { inspectorErrorText } from '../../services/inspector-errors'
import { INBOX_PAGE, useInspectorSession } from '../../services/inspector-session'
import { paramOfField, paramReason, type SettingsErrors } from '../../services/rule-params'
import { asRuns, supervisionApi } from '../../services/supervision-api'
import { useLoader } from '../../../../utils/use-loader'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

/** Totals of a run of all rules: "13 条规则：发现 40 条（新增 3，消除 5）". */
function allRunsText(runs: RuleRunDto[]): string {
  const sum = (k: 'findings' | 'created' | 'resolved') => runs.reduce((n, r) => n + r[k], 0)
  const failed = runs.filter((r) => r.error).length
  return `${runs.length} 条规则：发现 ${sum('findings')} 条（新增 ${sum('created')}，消除 ${sum('resolved')}）${failed ? `，${failed} 条出错` : ''}`
}

/**
 * 预警规则: every rule with its explanation, parameters in force in the inspector's region,
 * precision, open warnings and last run; the region's settings are edited here, and rules run on demand.
 * `?ruleId=` (from the dashboard or a warning) scrolls to that rule.
 */
export default function Rules() {
  const session = useInspectorSession()
  const focus = (useRouter().params as Record<string, string | undefined>).ruleId
  const regionId = session?.user.regionId ?? null
  const rules = useLoader<RuleDto[]>(() => supervisionApi.rules(regionId), [], session !== null)
  const [editing, setEditing] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [settingsErrors, setSettingsErrors] = useState<SettingsErrors>({})
  const [running, setRunning] = useState<string | null>(null)
  const [results, setResults] = useState<Record<string, RuleRunDto>>({})
  const [allResult, setAllResult] = useState('')
  const [runError, setRunError] = useState('')

  usePullDownRefresh(async () => {
    try {
      await rules.reload()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useEffect(() => {
    if (focus && rules.data?.some((r) => r.id === focus))
      void Promise.resolve(Taro.pageScrollTo({ selector: `.ip-rule--${focus}`, duration: 300 })).catch(() => undefined)
  }, [rules.data === null])

  if (!session) return <PageRoot />

  const save = async (rule: RuleDto, body: RuleSettingsRequest) => {
    setSaving(true)
    setSettingsErrors({})
    try {
      await supervisionApi.saveSettings(rule.id, body)
      setEditing(null)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      await rules.reload()
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 400 && e.details.length) {
        const errors: SettingsErrors = {}
        const other: string[] = []
        for (const d of e.details) {
          const key = paramOfField(d.field, rule.params)
          if (key && !errors[key]) errors[key] = paramReason(d.reason, rule.params.find((p) => p.key === key))
          else other.push(d.reason)
        }
        // Anything else (the region, an unknown key) is not the inspector's typing: say it as a whole.
        if (other.length) errors[''] = other.every((r) => /[\u4e00-\u9fff]/.test(r)) ? other.join('；') : '设置未能保存，请刷新页面后重试'
        setSettingsErrors(errors)
      } else setSettingsErrors({ '': inspectorErrorText(e) })
    } finally {
      setSaving(false)
    }
  }

  /** A full run now: of one rule (its figures on its card) or of all (the totals at the bottom). */
  const run = async (ruleId: string | null) => {
    setRunning(ruleId ?? 'all')
    setRunError('')
    setAllResult('')
    try {
      const runs = asRuns(await supervisionApi.run(ruleId ? { ruleId } : {}))
      setResults((m) => ({ ...m, ...Object.fromEntries(runs.map((r) => [r.ruleId, r])) }))
      if (!ruleId) setAllResult(allRunsText(runs))
      void Taro.showToast({ title: '运行完成', icon: 'success' })
      await rules.reload()
    } catch (e) {
      setRunError(`运行失败：${inspectorErrorText(e)}`)
    } finally {
      setRunning(null)
    }
  }

  const list = rules.data ?? []
  return (
    <PageRoot className='ip-rules'>
      <View className='card'>
        <Text className='t-title card__title'>预警规则</Text>
        <Text className='t-small'>
          规则每天自动运行，账目公开或合同变动后也会对该村重新检查。参数按本单位辖区显示；准确率 = 核查属实（含部分属实）÷ 已办结的预警。
        </Text>
      </View>
      {runError ? <Text className='t-body sf-banner ip-rules__error'>{runError}</Text> : null}

      <StateView loading={rules.loading && !rules.data} error={rules.error} empty={!!rules.data && list.length === 0} emptyText='还没有规则' onRetry={rules.reload}>
        {list.map((rule) => (
          <RuleCard
            key={rule.id}
            rule={rule}
            focused={rule.id === focus}
            editable={regionId !== null}
            busy={running !== null || saving}
            running={running === rule.id}
            result={results[rule.id] ?? null}
            onEdit={() => {
              setSettingsErrors({})
              setEditing(rule.id)
            }}
            onRun={() => run(rule.id)}
            onOpenWarnings={() => Taro.navigateTo({ url: inboxUrl(INBOX_PAGE, { kind: 'warning', ruleId: rule.id }) })}
          >
            {editing === rule.id && regionId !== null ? (
              <RuleSettingsForm
                rule={rule}
                regionId={regionId}
                busy={saving}
                serverErrors={settingsErrors}
                onSubmit={(body) => save(rule, body)}
                onCancel={() => setEditing(null)}
              />
            ) : null}
          </RuleCard>
        ))}
      </StateView>

      {list.length ? (
        <View className='card ip-rules__all'>
          {allResult ? <Text className='t-body sf-notice ip-rules__all-result'>本次运行：{allResult}</Text> : null}
          {running === 'all' ? <Text className='t-small ip-form__hint'>正在运行全部规则，数据多时需要一些时间…</Text> : null}
          <Button
            className='btn-primary sf-big ip-rules__run-all'
            onClick={() => run(null)}
            loading={running === 'all'}
            disabled={running !== null || saving || undefined}
          >
            全部规则立即运行
          </Button>
        </View>
      ) : null}
    </PageRoot>
  )
}
