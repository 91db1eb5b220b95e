import { useEffect, useState } from 'react'
import type { AttachmentDto } from '@mingbai/shared'
import { download } from '../../../services/file-transfer'

/**
 * Local copies of vouchers. Files of unpublished entries need the staff token, which an <Image>
 * src cannot send, so each is downloaded with it (Taro.downloadFile) and shown from its temp path.
 * The map holds a path per attachment id once downloaded, or '' when the download failed.
 */
export function useAttachmentFiles(attachments: AttachmentDto[]): Map<number, string> {
  const [files, setFiles] = useState<Map<number, string>>(new Map())
  const key = attachments.map((a) => a.id).join(',')
  useEffect(() => {
    let alive = true
    for (const a of attachments) {
      if (files.has(a.id)) continue
      download(a.url).then(
        (path) => alive && setFiles((m) => new Map(m).set(a.id, path)),
        () => alive && setFiles((m) => new Map(m).set(a.id, '')),
      )
    }
    return () => {
      alive = false
    }
  }, [key])
  return files
}
