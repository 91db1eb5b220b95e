import type { ReactNode } from 'react'
import { View, Text, Button } from '@tarojs/components'
import type { RuleDto, RuleRunDto } from '@mingbai/shared'
import { formatChinaTime } from '../services/labels'
import { formatParam } from '../services/rule-params'
import { precisionText } from '../services/warning-labels'
import { SeverityTag } from './CaseTags'
import '../../staff/components/staff.scss'
import './inspector.scss'

const RUN_MODE_LABELS: Record<RuleRunDto['mode'], string> = { full: '定时运行', incremental: '数据变动后运行', manual: '手动运行' }

const seconds = (ms: number) => (ms < 1000 ? `${ms} 毫秒` : `${Math.round(ms / 100) / 10} 秒`)

/** "发现 5 条（新增 1，消除 2），用时 412 毫秒", or the error of a failed run. */
export function runText(run: RuleRunDto): string {
  if (run.error) return `运行出错：${run.error}`
  return `发现 ${run.findings} 条（新增 ${run.created}，消除 ${run.resolved}），用时 ${seconds(run.durationMs)}`
}

interface Props {
  rule: RuleDto
  focused?: boolean
  /** Whether the inspector may change the rule's settings (they have a region). */
  editable: boolean
  busy?: boolean
  running?: boolean
  /** The figures of a run started on this page. */
  result?: RuleRunDto | null
  onEdit: () => void
  onRun: () => void
  onOpenWarnings: () => void
  /** The settings form, while it is open. */
  children?: ReactNode
}

/**
 * One rule: what it looks for and why, its severity, the parameters in force in the region (with
 * units; a value that differs from the default says so), whether it is on, its precision, the
 * open warnings it raised and its last run; 修改参数 and 立即运行.
 */
export default function RuleCard({ rule, focused, editable, busy, running, result, onEdit, onRun, onOpenWarnings, children }: Props) {
  return (
    <View className={`card ip-rule ip-rule--${rule.id} ${focused ? 'ip-rule--focus' : ''} ${rule.enabled ? '' : 'ip-rule--off'}`}>
      <View className='ip-row__top'>
        <SeverityTag severity={rule.severity} />
        <Text className='t-body ip-rule__title'>{rule.title}</Text>
        <Text className={`t-small ip-status ip-rule__enabled ${rule.enabled ? 'ip-status--closed' : ''}`}>{rule.enabled ? '已启用' : '已停用'}</Text>
      </View>
      <Text className='t-body ip-text ip-rule__explanation'>{rule.explanation}</Text>

      {rule.params.length ? (
        <View className='ip-rule__params'>
          {rule.params.map((p) => {
            const value = rule.effectiveParams[p.key] ?? p.defaultValue
            return (
              <View key={p.key} className={`sf-line ip-rule__param ip-rule__param--${p.key}`}>
                <Text className='t-body sf-line__label'>{p.label}</Text>
                <Text className='t-body sf-line__value'>
                  {formatParam(p.kind, value)}
                  {value !== p.defaultValue ? <Text className='t-small'>（默认 {formatParam(p.kind, p.defaultValue)}）</Text> : null}
                </Text>
              </View>
            )
          })}
        </View>
      ) : (
        <Text className='t-small ip-rule__noparams'>这条规则没有可调整的参数。</Text>
      )}

      <View className='ip-rule__stats'>
        <Text className='t-body ip-rule__precision'>{precisionText(rule.precision, rule.substantiated, rule.concluded)}</Text>
        <Text className='t-body sf-link ip-rule__open' onClick={onOpenWarnings}>
          未结预警 {rule.openWarnings} 件
        </Text>
      </View>
      <Text className='t-small ip-rule__lastrun'>
        {rule.lastRun ? `上次运行：${formatChinaTime(rule.lastRun.startedAt)}（${RUN_MODE_LABELS[rule.lastRun.mode]}），${runText(rule.lastRun)}` : '还没有运行过'}
      </Text>
      {result ? <Text className={`t-body sf-notice ip-rule__result ${result.error ? 'ip-rule__result--error' : ''}`}>本次运行：{runText(result)}</Text> : null}

      {children ?? (
        <View className='sf-actions'>
          {editable ? (
            <Button className='sf-btn ip-rule__edit' onClick={onEdit} disabled={busy || undefined}>
              修改参数
            </Button>
          ) : null}
          <Button className='sf-btn ip-rule__run' onClick={onRun} loading={running} disabled={busy || running || undefined}>
            立即运行
          </Button>
        </View>
      )}
    </View>
  )
}
