import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import { REPORT_PHOTOS_MAX, type ReportPhotoDto, type ReportUploadDto } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import { AttachmentStorage, StoredObjectMissing } from '../attachments/attachment-storage';
import { detectFileKind, FileKind } from '../attachments/file-type';
import { reencodeImage } from '../attachments/image-sanitizer';
import { ReportFile } from './report-file.entity';
import { RateLimiter } from './rate-limiter';

/** An upload not bound to a report within a day is deleted. */
export const REPORT_UPLOAD_TTL_MS = 24 * 3_600_000;
/** A signed file URL works this long. */
export const SIGNED_URL_TTL_SECONDS = 600;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 200;
/** What an upload id looks like: 32 random bytes, base64url. */
export const UPLOAD_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A photo ready to be sent. */
export interface ServedReportFile {
  body: Buffer | Readable;
  mime: string;
  size: number;
}

/** Where a bound photo belongs: a report, and a message of its thread or none. */
export interface PhotoTarget {
  reportId: number;
  messageId: number | null;
}

const unsupported = (reason: string): AppException =>
  new AppException(415, 'UNSUPPORTED_FILE_TYPE', '只能上传 JPEG、PNG 或 WebP 图片', [{ field: 'file', reason }]);
const badPhotos = (reason: string): ValidationFailed => new ValidationFailed([{ field: 'photoIds', reason }]);

/**
 * Photos of reports and follow-ups. An upload is checked by its magic bytes, decoded and
 * re-encoded (no EXIF, no GPS: a phone photo's location can name the reporter), stored under a
 * random key, and known to the uploader by a random token until a report or message binds it.
 * Files are served only through short-lived signed URLs (`signedUrl`), which the reporter views
 * and the inspectors' side hand out.
 */
@Injectable()
export class ReportFilesService {
  private readonly logger = new Logger(ReportFilesService.name);
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly storage: AttachmentStorage,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stores a sanitised photo for a report or message yet to be sent (per-IP hourly limit). */
  async upload(ip: string, input: Buffer): Promise<ReportUploadDto> {
    await this.db.transaction((em) => this.limiter.hit(em, [{ bucket: this.limiter.ipBucket('upload', ip), limit: this.config.reports.uploadLimitPerHour }]));
    const kind = detectFileKind(input);
    if (!kind || !kind.image) throw unsupported('文件内容不是 JPEG、PNG 或 WebP 图片');
    const body = await this.sanitize(input, kind);

    const key = `${randomBytes(16).toString('hex')}.${kind.ext}`;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + REPORT_UPLOAD_TTL_MS);
    await this.storage.put(key, body, kind.mime);
    try {
      await this.db.transaction((em) =>
        em.insert(ReportFile, {
          token,
          reportId: null,
          messageId: null,
          storageKey: key,
          mime: kind.mime,
          sizeBytes: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          expiresAt,
          createdAt: now,
        }),
      );
    } catch (e) {
      await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
    this.pruneSoon(now);
    return { id: token, mime: kind.mime, size: body.length, expiresAt: expiresAt.toISOString() };
  }

  /** 400 (field photoIds) unless every id is a distinct, unexpired, unbound upload. Reads only. */
  async checkUnbound(tokens: string[], em: EntityManager = this.db.manager): Promise<void> {
    if (tokens.length === 0) return;
    if (tokens.length > REPORT_PHOTOS_MAX) throw badPhotos(`at most ${REPORT_PHOTOS_MAX} photos`);
    if (new Set(tokens).size !== tokens.length) throw badPhotos('lists the same photo twice');
    const rows = await em.find(ReportFile, { where: { token: In(tokens) } });
    const now = this.clock.now().getTime();
    const usable = rows.filter((f) => f.reportId === null && f.expiresAt !== null && f.expiresAt.getTime() > now);
    if (usable.length !== tokens.length) throw badPhotos('names a photo that is unknown, expired or already used: upload it again');
  }

  /**
   * Binds uploads to a report (or one of its messages) inside the caller's transaction. Each row
   * changes only while it is still unbound and unexpired, so two requests can never share a photo.
   */
  async bind(em: EntityManager, tokens: string[], target: PhotoTarget): Promise<void> {
    await this.checkUnbound(tokens, em);
    const now = this.clock.now();
    for (const token of tokens) {
      const res = await em
        .createQueryBuilder()
        .update(ReportFile)
        .set({ reportId: target.reportId, messageId: target.messageId, expiresAt: null })
        .where('token = :token AND report_id IS NULL AND expires_at > :now', { token, now })
        .execute();
      if (res.affected !== 1) throw badPhotos('names a photo that is unknown, expired or already used: upload it again');
    }
  }

  /** `/api/report-files/ID?exp=UNIX&sig=…`, valid for ten minutes. */
  signedUrl(file: Pick<ReportFile, 'id'>): string {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + SIGNED_URL_TTL_SECONDS;
    return `/api/report-files/${file.id}?exp=${exp}&sig=${this.signature(file.id, exp)}`;
  }

  toPhotoDto(file: Pick<ReportFile, 'id' | 'mime'>): ReportPhotoDto {
    return { id: file.id, mime: file.mime, url: this.signedUrl(file) };
  }

  /** The bytes of a bound photo, for a URL made by signedUrl that has not expired. */
  async open(id: number, exp: number, sig: string): Promise<ServedReportFile> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (exp < now) throw new AppException(403, 'FILE_LINK_EXPIRED', '图片链接已过期，请刷新页面');
    const expected = Buffer.from(this.signature(id, exp));
    const given = Buffer.from(sig);
    if (exp > now + SIGNED_URL_TTL_SECONDS + 60 || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AppException(403, 'FILE_LINK_INVALID', '图片链接无效');
    const file = await this.db.manager.findOne(ReportFile, { where: { id } });
    if (!file || file.reportId === null) throw new NotFound('file');
    try {
      return { body: await this.storage.get(file.storageKey), mime: file.mime, size: file.sizeBytes };
    } catch (e) {
      if (!(e instanceof StoredObjectMissing)) throw e;
      this.logger.error(`report file ${file.id}: ${e.message}`);
      throw new NotFound('file');
    }
  }

  /** base64url HMAC-SHA256(hashSecret, "id.exp"). */
  private signature(id: number, exp: number): string {
    return createHmac('sha256', this.config.reports.hashSecret).update(`${id}.${exp}`).digest('base64url');
  }

  private async sanitize(input: Buffer, kind: FileKind): Promise<Buffer> {
    try {
      return await reencodeImage(input, kind);
    } catch (e) {
      this.logger.warn(`report photo rejected: ${(e as Error).message}`);
      throw unsupported('图片已损坏或无法读取');
    }
  }

  /** Deletes expired, never-bound uploads (rows and stored bytes), in the background, hourly. */
  private pruneSoon(now: Date): void {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    void this.pruneExpired(now).catch((e: unknown) => this.logger.warn(`pruning report uploads failed: ${(e as Error).message}`));
  }

  private async pruneExpired(now: Date): Promise<void> {
    const stale = await this.db.manager.find(ReportFile, {
      where: { reportId: IsNull(), expiresAt: LessThanOrEqual(now) },
      take: PRUNE_BATCH,
    });
    for (const f of stale) {
      const gone = await this.db.transaction((em) =>
        em.createQueryBuilder().delete().from(ReportFile).where('id = :id AND report_id IS NULL', { id: f.id }).execute(),
      );
      if (gone.affected === 1) await this.storage.delete(f.storageKey);
    }
  }
}
