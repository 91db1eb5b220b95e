import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import type { ReportMessageDto, ReportPhotoDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Report } from './report.entity';
import { ReportFile } from './report-file.entity';
import { ReportMessage } from './report-message.entity';
import { ReportFilesService } from './report-files.service';

/**
 * The message threads and photos of reports, as the shared DTOs with signed photo URLs.
 *
 * Where messages live: a reporter's follow-up is stored on the reporter's OWN report (for a
 * duplicate, the duplicate), so each reporter sees only their own words; office replies are
 * stored on the report they answer (normally the original). The office's thread of a report
 * (`messagesOf`) merges in the follow-ups of its duplicates; a reporter's thread (`reporterThread`)
 * is their own messages plus the office's messages on their report and on its original.
 */
@Injectable()
export class ReportThreadService {
  constructor(
    private readonly db: Db,
    private readonly files: ReportFilesService,
  ) {}

  /** The office's thread: messages of the report and of every duplicate of it, oldest first. */
  async messagesOf(reportId: number, em: EntityManager = this.db.manager): Promise<ReportMessageDto[]> {
    const duplicates = await em.find(Report, { select: { id: true }, where: { duplicateOfId: reportId } });
    const messages = await em.find(ReportMessage, {
      where: { reportId: In([reportId, ...duplicates.map((d) => d.id)]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return this.withPhotos(messages, em);
  }

  /** The photos filed with the report itself (not those of its messages), in upload order. */
  async photosOf(reportId: number, em: EntityManager = this.db.manager): Promise<ReportPhotoDto[]> {
    const rows = await em.find(ReportFile, { where: { reportId, messageId: IsNull() }, order: { id: 'ASC' } });
    return rows.map((f) => this.files.toPhotoDto(f));
  }

  /** Photo counts per report (own photos, not those of messages), for lists. */
  async photoCounts(reportIds: number[], em: EntityManager = this.db.manager): Promise<Map<number, number>> {
    if (reportIds.length === 0) return new Map();
    const rows = await em
      .createQueryBuilder(ReportFile, 'f')
      .select('f.reportId', 'reportId')
      .addSelect('COUNT(*)', 'n')
      .where('f.reportId IN (:...ids) AND f.messageId IS NULL', { ids: [...new Set(reportIds)] })
      .groupBy('f.reportId')
      .getRawMany<{ reportId: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.reportId), Number(r.n)]));
  }

  /** What the reporter of `report` sees: their own messages and the office's on their report and its original. */
  async reporterThread(report: Pick<Report, 'id' | 'duplicateOfId'>, em: EntityManager = this.db.manager): Promise<ReportMessageDto[]> {
    const qb = em.createQueryBuilder(ReportMessage, 'm').where('m.reportId = :own', { own: report.id });
    if (report.duplicateOfId !== null) qb.orWhere("(m.reportId = :original AND m.author = 'office')", { original: report.duplicateOfId });
    const messages = await qb.orderBy('m.createdAt', 'ASC').addOrderBy('m.id', 'ASC').getMany();
    return this.withPhotos(messages, em);
  }

  /** One message as the DTO, with its photos. */
  async messageDto(message: ReportMessage, em: EntityManager = this.db.manager): Promise<ReportMessageDto> {
    return (await this.withPhotos([message], em))[0];
  }

  private async withPhotos(messages: ReportMessage[], em: EntityManager): Promise<ReportMessageDto[]> {
    const ids = messages.map((m) => m.id);
    const files = ids.length ? await em.find(ReportFile, { where: { messageId: In(ids) }, order: { id: 'ASC' } }) : [];
    const byMessage = new Map<number, ReportPhotoDto[]>();
    for (const f of files) {
      const list = byMessage.get(f.messageId!) ?? [];
      list.push(this.files.toPhotoDto(f));
      byMessage.set(f.messageId!, list);
    }
    return messages.map((m) => ({ id: m.id, from: m.author, text: m.text, at: m.createdAt.toISOString(), photos: byMessage.get(m.id) ?? [] }));
  }
}
