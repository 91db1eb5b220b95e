import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Direction } from '@mingbai/shared'
import { entrySubjects, loadChart, type ChartAccount } from '../services/chart'
import { villagesApi } from '../services/villages'
import SearchBar from './SearchBar'
import './LedgerFilters.scss'

export interface LedgerFilter {
  from?: string
  to?: string
  direction?: Direction
  subject?: string
  q?: string
}

interface Props {
  villageId: number
  value: LedgerFilter
  onChange: (next: LedgerFilter) => void
}

const DIRECTION_CHOICES: { value: Direction | undefined; label: string }[] = [
  { value: undefined, label: '全部' },
  { value: 'income', label: '收入' },
  { value: 'expense', label: '支出' },
]

const monthLabel = (m?: string) => (m ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : '不限')

/** Month range, income/expense, subject and keyword; every change restarts the list. */
export default function LedgerFilters({ villageId, value, onChange }: Props) {
  const [subjects, setSubjects] = useState<ChartAccount[]>([])
  const [monthError, setMonthError] = useState('')

  useEffect(() => {
    let live = true
    villagesApi
      .village(villageId)
      .then((v) => loadChart(v.chartVersion))
      .then((chart) => live && setSubjects(entrySubjects(chart)))
      // Without the chart the subject filter stays hidden; the list itself still works.
      .catch(() => live && setSubjects([]))
    return () => {
      live = false
    }
  }, [villageId])

  const shown = subjects.filter((s) => !value.direction || s.direction === value.direction)
  const subjectNames = ['全部科目', ...shown.map((s) => `${s.code} ${s.name}`)]
  const subjectIndex = value.subject ? shown.findIndex((s) => s.code === value.subject) + 1 : 0

  const setMonth = (key: 'from' | 'to', month: string | undefined) => {
    const next = { ...value, [key]: month }
    if (next.from && next.to && next.to < next.from) {
      setMonthError('结束月份不能早于开始月份')
      return
    }
    setMonthError('')
    onChange(next)
  }

  return (
    <View className='card filters'>
      <View className='filters__row'>
        {DIRECTION_CHOICES.map((c) => (
          <View
            key={c.label}
            className={`filters__chip ${value.direction === c.value ? 'filters__chip--on' : ''}`}
            onClick={() => onChange({ ...value, direction: c.value, subject: undefined })}
          >
            <Text className='t-body'>{c.label}</Text>
          </View>
        ))}
      </View>
      <View className='filters__row'>
        <Picker mode='date' fields='month' value={value.from ?? ''} onChange={(e) => setMonth('from', String(e.detail.value).slice(0, 7))}>
          <Text className='filters__field t-body'>从 {monthLabel(value.from)}</Text>
        </Picker>
        <Picker mode='date' fields='month' value={value.to ?? ''} onChange={(e) => setMonth('to', String(e.detail.value).slice(0, 7))}>
          <Text className='filters__field t-body'>到 {monthLabel(value.to)}</Text>
        </Picker>
        {value.from || value.to ? (
          <Text className='filters__clear t-small' onClick={() => onChange({ ...value, from: undefined, to: undefined })}>
            清除
          </Text>
        ) : null}
      </View>
      {monthError ? <Text className='form-error'>{monthError}</Text> : null}
      {subjects.length > 0 ? (
        <View className='filters__row'>
          <Picker
            mode='selector'
            range={subjectNames}
            value={subjectIndex}
            onChange={(e) => {
              const i = Number(e.detail.value)
              onChange({ ...value, subject: i === 0 ? undefined : shown[i - 1].code })
            }}
          >
            <Text className='filters__field t-body'>科目：{subjectNames[subjectIndex] ?? '全部科目'}</Text>
          </Picker>
        </View>
      ) : null}
      <SearchBar placeholder='搜索摘要或对方名称' maxlength={50} initial={value.q} onSearch={(q) => onChange({ ...value, q: q || undefined })} />
    </View>
  )
}
