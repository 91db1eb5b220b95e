// Jest stand-in for '@tarojs/components': the H5 React implementations, one module each,
// so that tests render real DOM without loading the stencil web-component bundle.
import { createElement, type ReactNode } from 'react'

export { default as View } from '@tarojs/components-react/dist/components/view/index.js'
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js'
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js'
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js'
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js'
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js'

// Textarea and Picker have no jsdom-friendly implementation in components-react (Textarea is a
// stencil web component; the H5 Picker selects by scroll position), so tests get small stand-ins
// with the same props and events: onInput/onChange receive `{ detail: { value } }`.

interface TextareaStubProps {
  value?: string
  placeholder?: string
  maxlength?: number
  disabled?: boolean
  className?: string
  onInput?: (e: { detail: { value: string } }) => void
}

export function Textarea({ value, placeholder, maxlength, disabled, className, onInput }: TextareaStubProps) {
  return createElement('textarea', {
    className,
    placeholder,
    disabled,
    maxLength: maxlength,
    value: value ?? '',
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
  })
}

interface PickerStubProps {
  mode?: 'selector' | 'date' | 'time' | 'multiSelector' | 'region'
  range?: unknown[]
  rangeKey?: string
  value?: number | string
  start?: string
  end?: string
  disabled?: boolean
  onChange?: (e: { detail: { value: number | string } }) => void
  children?: ReactNode
}

/** Renders its children plus a native control: <select> for mode selector, <input type=date> for mode date. */
export function Picker({ mode = 'selector', range = [], rangeKey, value, start, end, disabled, onChange, children }: PickerStubProps) {
  const control =
    mode === 'date'
      ? createElement('input', {
          type: 'date',
          'data-picker': 'date',
          value: typeof value === 'string' ? value : '',
          min: start,
          max: end,
          disabled,
          onChange: (e: { target: { value: string } }) => onChange?.({ detail: { value: e.target.value } }),
        })
      : createElement(
          'select',
          {
            'data-picker': mode,
            value: value === undefined || value === -1 ? '' : String(value),
            disabled,
            onChange: (e: { target: { value: string } }) => onChange?.({ detail: { value: Number(e.target.value) } }),
          },
          createElement('option', { key: '', value: '' }, ''),
          ...range.map((item, i) =>
            createElement('option', { key: i, value: String(i) }, String(rangeKey ? (item as Record<string, unknown>)[rangeKey] : item)),
          ),
        )
  return createElement('div', { className: 'picker-stub' }, children, control)
}
