import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { formatFen, WARNING_STATE_LABELS, type EvidenceItemDto, type WarningDto } from '@mingbai/shared'
import { formatDate } from '../../../utils/format'
import { formatChinaTime } from '../services/labels'
import { factRows } from '../services/warning-labels'
import { SeverityTag } from './CaseTags'
import './inspector.scss'

const EVIDENCE_TYPE_LABELS: Record<EvidenceItemDto['type'], string> = {
  entry: '账目',
  contract: '合同',
  installment: '租金分期',
  asset: '资产',
  person: '人员',
  figure: '数据',
}

interface Props {
  warning: WarningDto
  /** Opens an app path (an entry, a contract, an asset page). */
  onOpen: (path: string) => void
  /** Opens the rule's explanation and parameters. */
  onRule?: (ruleId: string) => void
}

/**
 * What the rules engine found: the rule and its severity, the one-sentence summary, the money at
 * stake, whether the condition still holds, the figures, and the entries, contracts or people
 * involved (each opens its public page where it has one).
 */
export default function WarningFinding({ warning: w, onOpen, onRule }: Props) {
  const facts = factRows(w.facts)
  return (
    <View className='card ip-finding'>
      <Text className='t-body sf-section'>预警内容</Text>
      <View className='ip-row__top'>
        <SeverityTag severity={w.severity} />
        <Text className='t-body ip-finding__rule'>{w.ruleTitle}</Text>
        {onRule ? (
          <Text className='t-small sf-link' onClick={() => onRule(w.ruleId)}>
            规则说明
          </Text>
        ) : null}
      </View>
      <Text className='t-body ip-text ip-finding__summary'>{w.summary}</Text>
      {w.amountFen !== null ? <Text className='t-body ip-detail__line ip-finding__amount'>涉及金额：{formatFen(w.amountFen)}</Text> : null}
      <Text className={`t-body ip-detail__line ip-finding__state ip-finding__state--${w.state}`}>
        预警状态：{WARNING_STATE_LABELS[w.state]}
        {w.state === 'resolved' && w.resolvedOn ? `（${formatDate(w.resolvedOn)}消除）` : ''}
      </Text>
      <Text className='t-body ip-detail__line'>发现时间：{formatChinaTime(w.detectedAt)}</Text>
      {w.period ? <Text className='t-body ip-detail__line'>期间：{/^\d{4}-\d{2}-\d{2}$/.test(w.period) ? formatDate(w.period) : w.period}</Text> : null}

      {facts.length ? (
        <View className='ip-finding__facts'>
          <Text className='t-body sf-section'>数据</Text>
          {facts.map((f) => (
            <View key={f.key} className={`sf-line ip-finding__fact ip-finding__fact--${f.key}`}>
              <Text className='t-body sf-line__label'>{f.label}</Text>
              <Text className='t-body sf-line__value'>{f.value}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {w.evidence.length ? (
        <View className='ip-finding__evidence'>
          <Text className='t-body sf-section'>证据（{w.evidence.length}）</Text>
          {w.evidence.map((e, i) => (
            <View
              key={`${e.type}-${e.id ?? i}`}
              className={`ip-evidence ip-evidence--${e.type} ${e.path ? 'ip-evidence--link' : ''}`}
              onClick={() => e.path && onOpen(e.path)}
            >
              <Text className='t-small ip-evidence__type'>{EVIDENCE_TYPE_LABELS[e.type] ?? e.type}</Text>
              <Text className={`t-body ip-evidence__label ${e.path ? 'sf-link' : ''}`}>{e.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** Opens an app path; a tab page (the village home) cannot be opened with navigateTo. */
export function openAppPath(path: string): void {
  Taro.navigateTo({ url: path }).catch(() => Taro.switchTab({ url: path.split('?')[0] }))
}
