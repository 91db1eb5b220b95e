import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { ENTRY_LIMITS, type ContractDto } from '@mingbai/shared'
import { choosePhotos, usePhotoUploads } from '../services/photo-uploads'
import { registerErrorText } from '../services/register-errors'
import { registersStaffApi } from '../services/registers'
import PhotoUploader from './PhotoUploader'
import './staff.scss'
import './register.scss'

interface Props {
  contract: ContractDto
  onSaved: (updated: ContractDto) => void
}

/** The scans of a contract (staff and inspectors only): add or remove photos, then 保存扫描件. */
export default function ScanEditor({ contract, onSaved }: Props) {
  const photos = usePhotoUploads()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const stored = contract.attachments.map((a) => a.id).join(',')

  useEffect(() => {
    photos.reset(contract.attachments)
  }, [stored])

  const changed = photos.ids.join(',') !== stored || photos.busy || photos.failed
  const save = async () => {
    if (photos.busy) return setError('照片还在上传，请稍候')
    if (photos.failed) return setError('有照片没有上传成功，请点“重试”或删除')
    setBusy(true)
    setError('')
    try {
      onSaved(await registersStaffApi.setScans(contract.id, photos.ids))
    } catch (e) {
      setError(registerErrorText(e))
    } finally {
      setBusy(false)
    }
  }
  const add = async () => {
    const paths = await choosePhotos(photos.room)
    if (paths.length) photos.add(paths)
  }

  return (
    <View className='sf-scans'>
      <PhotoUploader photos={photos.photos} room={photos.room} disabled={busy} onAdd={add} onRemove={photos.remove} onRetry={photos.retry} />
      <Text className='t-small sf-reg__hint'>最多{ENTRY_LIMITS.attachmentsMax}张，只有村干部和纪检监察部门能看到，不向村民公开。</Text>
      {error ? <Text className='t-small sf-field__error'>{error}</Text> : null}
      {changed ? (
        <Button className='btn-primary sf-btn sf-scans__save' onClick={save} loading={busy} disabled={busy || undefined}>
          保存扫描件
        </Button>
      ) : null}
    </View>
  )
}
