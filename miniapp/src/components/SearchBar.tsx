import { Button, Input, View } from '@tarojs/components'
import { useState } from 'react'
import './SearchBar.scss'

interface Props {
  placeholder: string
  maxlength: number
  initial?: string
  /** Called with the trimmed keyword on 搜索 or the keyboard's search key. */
  onSearch: (keyword: string) => void
}

/** A keyword box with a large 搜索 button beside it. */
export default function SearchBar({ placeholder, maxlength, initial = '', onSearch }: Props) {
  const [keyword, setKeyword] = useState(initial)
  const search = () => onSearch(keyword.trim())
  return (
    <View className='search-bar'>
      <Input
        className='search-bar__input t-body'
        placeholder={placeholder}
        value={keyword}
        maxlength={maxlength}
        confirmType='search'
        onInput={(e) => setKeyword(e.detail.value)}
        onConfirm={search}
      />
      <Button className='btn-primary search-bar__go' onClick={search}>
        搜索
      </Button>
    </View>
  )
}
