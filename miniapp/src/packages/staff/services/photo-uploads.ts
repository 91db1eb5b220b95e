import { useEffect, useState } from 'react'
import { ENTRY_LIMITS, type AttachmentDto } from '@mingbai/shared'
import { staffApi } from './staff'
import { staffErrorText } from './staff-errors'

export { choosePhotos } from '../../../utils/choose-photos'

/** A voucher photo on the entry form: already on the server, or being sent there. */
export interface Photo {
  key: string
  status: 'waiting' | 'uploading' | 'done' | 'failed'
  /** 0–100 while uploading. */
  pct: number
  /** The phone's own copy (chosen on this form). */
  localPath?: string
  /** The server's record, once uploaded (or loaded with the entry). */
  attachment?: AttachmentDto
  error?: string
}

let seq = 0
const nextKey = () => `p${++seq}`

/**
 * Photos taken or picked for one entry. Files are uploaded one at a time, in the order chosen,
 * each with its progress; a failed one waits for 重试 or removal. No automatic retries.
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<Photo[]>([])
  const update = (key: string, patch: Partial<Photo>) => setPhotos((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)))

  useEffect(() => {
    if (photos.some((p) => p.status === 'uploading')) return
    const next = photos.find((p) => p.status === 'waiting')
    if (!next?.localPath) return
    update(next.key, { status: 'uploading', pct: 0, error: undefined })
    staffApi.uploadAttachment(next.localPath, (pct) => update(next.key, { pct })).then(
      (attachment) => update(next.key, { status: 'done', pct: 100, attachment }),
      (e) => update(next.key, { status: 'failed', error: staffErrorText(e) }),
    )
  }, [photos])

  return {
    photos,
    /** Replaces everything with the entry's stored attachments. */
    reset: (attachments: AttachmentDto[]) =>
      setPhotos(attachments.map((a) => ({ key: nextKey(), status: 'done', pct: 100, attachment: a }))),
    add: (paths: string[]) =>
      setPhotos((ps) => [...ps, ...paths.map((localPath): Photo => ({ key: nextKey(), status: 'waiting', pct: 0, localPath }))]),
    remove: (key: string) => setPhotos((ps) => ps.filter((p) => p.key !== key)),
    retry: (key: string) => update(key, { status: 'waiting', pct: 0, error: undefined }),
    /** How many more may be added (ENTRY_LIMITS.attachmentsMax per entry). */
    room: ENTRY_LIMITS.attachmentsMax - photos.length,
    ids: photos.filter((p) => p.status === 'done' && p.attachment).map((p) => p.attachment!.id),
    busy: photos.some((p) => p.status === 'waiting' || p.status === 'uploading'),
    failed: photos.some((p) => p.status === 'failed'),
  }
}
