import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppException, ValidationFailed } from '../../common/errors/app-exception';

/** Upload limit for an import file (bigger than an attachment: 100,000 rows of CSV fit well within it). */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

const FIELD = 'file';

export interface ImportUpload {
  bytes: Buffer;
  fileName: string;
}

const tooLarge = () =>
  new AppException(413, 'FILE_TOO_LARGE', '导入文件不能超过 32 MB', [{ field: FIELD, reason: `at most ${IMPORT_MAX_BYTES} bytes` }]);
const missing = () => new ValidationFailed([{ field: FIELD, reason: '请用 multipart/form-data 上传字段 file' }]);

/** The multipart field `file` of an import request, with its file name. */
export async function readImportUpload(req: FastifyRequest): Promise<ImportUpload> {
  let part: MultipartFile | undefined;
  let bytes: Buffer;
  try {
    part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== FIELD) throw missing();
    bytes = await part.toBuffer();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw missing();
    throw e;
  }
  if (part.file.truncated || bytes.length > IMPORT_MAX_BYTES) throw tooLarge();
  if (bytes.length === 0) throw new ValidationFailed([{ field: FIELD, reason: '文件是空的' }]);
  return { bytes, fileName: cleanFileName(part.filename) };
}

/** The name as stored with the batch: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return Array.from(base || 'import')
    .slice(0, 255)
    .join('');
}
