import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppException, ValidationFailed } from '../../common/errors/app-exception';

const FIELD = 'file';

export function fileTooLarge(maxBytes: number): AppException {
  const limit = maxBytes >= 1024 * 1024 ? `${(maxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.floor(maxBytes / 1024)} KB`;
  return new AppException(413, 'FILE_TOO_LARGE', `文件不能超过 ${limit}`, [{ field: FIELD, reason: `文件不能超过 ${limit}` }]);
}

const missingFile = (): ValidationFailed => new ValidationFailed([{ field: FIELD, reason: '请用 multipart/form-data 上传字段 file' }]);

/**
 * The bytes of the multipart field `file`. The multipart plugin stops reading at the size
 * limit (registered in app.factory.ts); that and other parser errors become clear API errors.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
  let part: MultipartFile | undefined;
  try {
    part = await req.file();
  } catch (e) {
    throw mapPluginError(e, maxBytes);
  }
  if (!part || part.fieldname !== FIELD) throw missingFile();
  let body: Buffer;
  try {
    body = await part.toBuffer();
  } catch (e) {
    throw mapPluginError(e, maxBytes);
  }
  if (part.file.truncated || body.length > maxBytes) throw fileTooLarge(maxBytes);
  if (body.length === 0) throw new ValidationFailed([{ field: FIELD, reason: '文件是空的' }]);
  return body;
}

function mapPluginError(e: unknown, maxBytes: number): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return missingFile();
  return e;
}
