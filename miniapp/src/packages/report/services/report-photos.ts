import { useEffect, useRef, useState } from 'react'
import { REPORT_PHOTOS_MAX } from '@mingbai/shared'
import { isTransient, reportErrorText, uploadReportPhoto } from '../../../services/reports'
import type { QueuedPhoto } from '../../../services/report-queue'

export { choosePhotos } from '../../../utils/choose-photos'

/** A photo on a report or message form: on the phone, being uploaded, or uploaded. */
export interface ReportPhoto {
  key: string
  status: 'waiting' | 'uploading' | 'done' | 'failed'
  /** 0–100 while uploading. */
  pct: number
  localPath: string | null
  uploadedId: string | null
  uploadedAt: string | null
  error?: string
  /** The upload failed for lack of network: the photo can still go with a report saved for later. */
  offline?: boolean
}

let seq = 0
const nextKey = () => `rp${++seq}`

/**
 * Photos for one report or message, uploaded as soon as they are chosen, one at a time, each with
 * its progress (POST /api/report-uploads, no token). A failed one waits for 重试 or removal.
 */
export function useReportPhotos(max = REPORT_PHOTOS_MAX) {
  const [photos, setPhotos] = useState<ReportPhoto[]>([])
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )
  const update = (key: string, change: Partial<ReportPhoto>) => {
    if (alive.current) setPhotos((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)))
  }

  useEffect(() => {
    if (photos.some((p) => p.status === 'uploading')) return
    const next = photos.find((p) => p.status === 'waiting' && p.localPath)
    if (!next) return
    update(next.key, { status: 'uploading', pct: 0, error: undefined, offline: undefined })
    uploadReportPhoto(next.localPath!, (pct) => update(next.key, { pct })).then(
      (up) => update(next.key, { status: 'done', pct: 100, uploadedId: up.id, uploadedAt: new Date().toISOString() }),
      (e) => update(next.key, { status: 'failed', error: reportErrorText(e), offline: isTransient(e) }),
    )
  }, [photos])

  const waiting = photos.filter((p) => p.status === 'waiting' || p.status === 'uploading')
  return {
    photos,
    room: max - photos.length,
    add: (paths: string[]) =>
      setPhotos((ps) => [
        ...ps,
        ...paths.slice(0, max - ps.length).map((localPath): ReportPhoto => ({ key: nextKey(), status: 'waiting', pct: 0, localPath, uploadedId: null, uploadedAt: null })),
      ]),
    remove: (key: string) => setPhotos((ps) => ps.filter((p) => p.key !== key)),
    retry: (key: string) => update(key, { status: 'waiting', pct: 0, error: undefined, offline: undefined }),
    clear: () => setPhotos([]),
    /** Puts back the photos of a queued report (uploaded ones stay uploaded). */
    reset: (queued: QueuedPhoto[]) =>
      setPhotos(
        queued.map((q): ReportPhoto => ({
          key: nextKey(),
          status: q.uploadedId ? 'done' : 'failed',
          pct: q.uploadedId ? 100 : 0,
          localPath: q.localPath,
          uploadedId: q.uploadedId,
          uploadedAt: q.uploadedAt,
          offline: q.uploadedId ? undefined : true,
          error: q.uploadedId ? undefined : '还没有上传',
        })),
      ),
    ids: photos.filter((p) => p.status === 'done' && p.uploadedId).map((p) => p.uploadedId!),
    busy: waiting.length > 0,
    /** Failed for a reason other than the network (wrong type, too big…): must be removed. */
    refused: photos.some((p) => p.status === 'failed' && !p.offline),
    /** Failed for lack of network: they can wait with the report. */
    offline: photos.some((p) => p.status === 'failed' && p.offline),
    forQueue: (): QueuedPhoto[] => photos.map((p) => ({ localPath: p.localPath, uploadedId: p.uploadedId, uploadedAt: p.uploadedAt })),
  }
}

export type ReportPhotos = ReturnType<typeof useReportPhotos>
