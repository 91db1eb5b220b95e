import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

/** Elderly mode (长辈模式): larger text and higher contrast everywhere, remembered on the device. */
const KEY = 'mingbai.elderly'
const listeners = new Set<(on: boolean) => void>()

export function isElderly(): boolean {
  return Taro.getStorageSync(KEY) === true
}

export function setElderly(on: boolean): void {
  Taro.setStorageSync(KEY, on)
  listeners.forEach((l) => l(on))
}

export function useElderly(): boolean {
  const [on, setOn] = useState(isElderly())
  useEffect(() => {
    listeners.add(setOn)
    return () => {
      listeners.delete(setOn)
    }
  }, [])
  return on
}
