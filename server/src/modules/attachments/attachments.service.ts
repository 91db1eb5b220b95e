import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EntityManager, In, Not } from 'typeorm';
import type { AttachmentDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';
import { Entry } from '../ledger/entry.entity';
import { Attachment } from './attachment.entity';
import { AttachmentStorage, StoredObjectMissing } from './attachment-storage';
import { detectFileKind, FileKind, KIND_BY_MIME } from './file-type';
import { reencodeImage } from './image-sanitizer';
import { BindingCandidate, candidateProblems, contractCandidateProblems, listProblems } from './attachment-binding';

/** A file ready to be sent, with what the HTTP layer needs for its headers. */
export interface ServedAttachment {
  body: Buffer | Readable;
  mime: string;
  size: number;
  sha256: string;
  fileName: string;
  /** On a published entry: anyone may see it and it never changes. */
  isPublic: boolean;
}

const unsupported = (reason: string): AppException =>
  new AppException(415, 'UNSUPPORTED_FILE_TYPE', '只能上传 JPEG、PNG、WebP 图片或 PDF 文件', [{ field: 'file', reason }]);

@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly db: Db,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly storage: AttachmentStorage,
  ) {}

  /** Stores a voucher for the bookkeeper's own village, not yet on any entry. */
  async upload(user: AuthUser, input: Buffer): Promise<AttachmentDto> {
    if (user.regionId === null) throw new NotFound('village');
    const village = await this.scope.requireVillage(user, user.regionId);
    const kind = detectFileKind(input);
    if (!kind) throw unsupported('文件内容不是 JPEG、PNG、WebP 或 PDF');
    const body = kind.image ? await this.sanitize(input, kind) : input;

    const key = `${randomBytes(16).toString('hex')}.${kind.ext}`;
    await this.storage.put(key, body, kind.mime);
    try {
      const row = await this.db.transaction((em) =>
        em.save(
          em.create(Attachment, {
            villageId: village.id,
            entryId: null,
            storageKey: key,
            mime: kind.mime,
            sizeBytes: body.length,
            sha256: createHash('sha256').update(body).digest('hex'),
            uploadedBy: user.id,
            createdAt: this.clock.now(),
          }),
        ),
      );
      return toDto(row);
    } catch (e) {
      await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  /**
   * The file, for anyone when its entry is published; otherwise only for staff whose scope
   * covers its village. Everyone else gets 404, exactly as for an id that does not exist.
   */
  async open(id: number, viewer: AuthUser | null): Promise<ServedAttachment> {
    const { entities, raw } = await this.db.manager
      .createQueryBuilder(Attachment, 'a')
      .innerJoin(Region, 'r', 'r.id = a.villageId')
      .leftJoin(Entry, 'e', 'e.id = a.entryId')
      .addSelect('r.path', 'villagePath')
      .addSelect('e.status', 'entryStatus')
      .where('a.id = :id', { id })
      .getRawAndEntities<{ villagePath: string; entryStatus: string | null }>();
    const row = entities[0];
    if (!row) throw new NotFound('attachment');
    const isPublic = raw[0].entryStatus === 'published';
    if (!isPublic && !(viewer && this.scope.covers(viewer, { path: raw[0].villagePath }))) throw new NotFound('attachment');

    let body: Buffer | Readable;
    try {
      body = await this.storage.get(row.storageKey);
    } catch (e) {
      if (!(e instanceof StoredObjectMissing)) throw e;
      this.logger.error(`attachment ${row.id}: ${e.message}`);
      throw new NotFound('attachment');
    }
    const ext = KIND_BY_MIME[row.mime as FileKind['mime']]?.ext ?? 'bin';
    return { body, mime: row.mime, size: row.sizeBytes, sha256: row.sha256, fileName: `voucher-${row.id}.${ext}`, isPublic };
  }

  /**
   * Makes `attachmentIds` exactly the entry's attachments, inside the caller's transaction:
   * the ones named are bound, the ones previously bound and not named are released.
   */
  async bindToEntry(em: EntityManager, user: AuthUser, entry: { id: number; villageId: number }, attachmentIds: number[]): Promise<void> {
    const listed = listProblems(attachmentIds);
    if (listed.length) throw new ValidationFailed(listed);
    const ids = [...new Set(attachmentIds)];

    const village = await em.findOne(Region, { where: { id: entry.villageId, level: 'village' } });
    if (!village || !this.scope.covers(user, village))
      throw new ValidationFailed([{ field: 'attachmentIds', reason: '记账所属的村不在你的范围内' }]);

    if (ids.length) {
      const problems = candidateProblems(ids, await this.candidates(em, ids, village), entry);
      if (problems.length) throw new ValidationFailed(problems);
    }
    await em.update(Attachment, ids.length ? { entryId: entry.id, id: Not(In(ids)) } : { entryId: entry.id }, { entryId: null });
    if (ids.length) await em.update(Attachment, { id: In(ids) }, { entryId: entry.id });
  }

  /**
   * Makes `attachmentIds` exactly the scans of a contract, inside the caller's transaction. Scans
   * are never public: only staff and inspectors whose scope covers the village may open them.
   */
  async bindToContract(
    em: EntityManager,
    user: AuthUser,
    contract: { id: number; villageId: number },
    attachmentIds: number[],
  ): Promise<void> {
    const listed = listProblems(attachmentIds);
    if (listed.length) throw new ValidationFailed(listed);
    const ids = [...new Set(attachmentIds)];
    const village = await em.findOne(Region, { where: { id: contract.villageId, level: 'village' } });
    if (!village || !this.scope.covers(user, village)) throw new ValidationFailed([{ field: 'attachmentIds', reason: '合同所属的村不在你的范围内' }]);
    if (ids.length) {
      const problems = contractCandidateProblems(ids, await this.candidates(em, ids, village), contract);
      if (problems.length) throw new ValidationFailed(problems);
    }
    const released = ids.length ? { contractId: contract.id, id: Not(In(ids)) } : { contractId: contract.id };
    await em.update(Attachment, released, { contractId: null });
    if (ids.length) await em.update(Attachment, { id: In(ids) }, { contractId: contract.id });
  }

  async listForContract(contractId: number, em: EntityManager = this.db.manager): Promise<AttachmentDto[]> {
    const rows = await em.find(Attachment, { where: { contractId }, order: { id: 'ASC' } });
    return rows.map(toDto);
  }

  async listForEntry(entryId: number, em: EntityManager = this.db.manager): Promise<AttachmentDto[]> {
    const rows = await em.find(Attachment, { where: { entryId }, order: { id: 'ASC' } });
    return rows.map(toDto);
  }

  async countForEntries(entryIds: number[], em: EntityManager = this.db.manager): Promise<Map<number, number>> {
    if (entryIds.length === 0) return new Map();
    const rows = await em
      .createQueryBuilder(Attachment, 'a')
      .select('a.entryId', 'entryId')
      .addSelect('COUNT(*)', 'n')
      .where('a.entryId IN (:...ids)', { ids: [...new Set(entryIds)] })
      .groupBy('a.entryId')
      .getRawMany<{ entryId: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.entryId), Number(r.n)]));
  }

  private async sanitize(input: Buffer, kind: FileKind): Promise<Buffer> {
    try {
      return await reencodeImage(input, kind);
    } catch (e) {
      this.logger.warn(`image rejected: ${(e as Error).message}`);
      throw unsupported('图片已损坏或无法读取');
    }
  }

  /** The named attachments, locked against a concurrent binding, with whether their uploader covers the village. */
  private async candidates(em: EntityManager, ids: number[], village: Region): Promise<BindingCandidate[]> {
    const qb = em.createQueryBuilder(Attachment, 'a').where('a.id IN (:...ids)', { ids });
    // A row lock needs a transaction (MySQL refuses it outside one); the ledger always passes one.
    const rows = await (em.queryRunner?.isTransactionActive ? this.db.forUpdate(qb) : qb).getMany();
    const uploaderIds = [...new Set(rows.map((a) => a.uploadedBy))];
    const uploaders = uploaderIds.length
      ? await em
          .createQueryBuilder(User, 'u')
          .leftJoin(Region, 'r', 'r.id = u.regionId')
          .select('u.id', 'id')
          .addSelect('u.role', 'role')
          .addSelect('r.path', 'path')
          .where('u.id IN (:...uploaderIds)', { uploaderIds })
          .getRawMany<{ id: number | string; role: string; path: string | null }>()
      : [];
    const covering = new Set(
      uploaders
        .filter((u) => (u.role === 'admin' && u.path === null) || (u.path !== null && village.path.startsWith(u.path)))
        .map((u) => Number(u.id)),
    );
    return rows.map((a) => ({
      id: a.id,
      villageId: a.villageId,
      entryId: a.entryId,
      contractId: a.contractId,
      uploaderCovers: covering.has(a.uploadedBy),
    }));
  }
}

function toDto(a: Attachment): AttachmentDto {
  return { id: a.id, mime: a.mime, size: a.sizeBytes, url: `/api/attachments/${a.id}` };
}
