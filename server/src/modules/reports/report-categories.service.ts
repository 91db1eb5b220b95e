import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ReportCategoryDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import { isUniqueViolation } from '../../database/unique-violation';
import { ReportCategory } from './report-category.entity';
import { AdminReportCategoryDto, CATEGORY_CODE_PATTERN, CreateReportCategoryBody, UpdateReportCategoryBody } from './dto/report-category.dto';

/** Report categories: data an admin extends; the public sees the active ones in their order. */
@Injectable()
export class ReportCategoriesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async listActive(): Promise<ReportCategoryDto[]> {
    const rows = await this.db.manager.find(ReportCategory, { where: { active: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map((c) => ({ code: c.code, label: c.label }));
  }

  /** Labels of every category, inactive ones too (old reports keep theirs). */
  async labels(em: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await em.find(ReportCategory, { select: { code: true, label: true } });
    return new Map(rows.map((c) => [c.code, c.label]));
  }

  /** The category a new report may use: it exists and is active. */
  async requireActive(code: string, em: EntityManager = this.db.manager): Promise<ReportCategory> {
    const row = await em.findOne(ReportCategory, { where: { code } });
    if (!row || !row.active) throw new ValidationFailed([{ field: 'categoryCode', reason: 'is not a category one can report under' }]);
    return row;
  }

  async create(body: CreateReportCategoryBody): Promise<AdminReportCategoryDto> {
    try {
      const row = await this.db.transaction(async (em) => {
        if (await em.findOne(ReportCategory, { where: { code: body.code } })) throw taken();
        const last = await em.createQueryBuilder(ReportCategory, 'c').select('MAX(c.sortOrder)', 'max').getRawOne<{ max: number | string | null }>();
        return em.save(
          em.create(ReportCategory, {
            code: body.code,
            label: body.label.trim(),
            escalate: body.escalate ?? false,
            active: body.active ?? true,
            sortOrder: body.sortOrder ?? Number(last?.max ?? 0) + 10,
            createdAt: this.clock.now(),
          }),
        );
      });
      return toAdminDto(row);
    } catch (e) {
      if (isUniqueViolation(e)) throw taken();
      throw e;
    }
  }

  async update(code: string, body: UpdateReportCategoryBody): Promise<AdminReportCategoryDto> {
    if (!CATEGORY_CODE_PATTERN.test(code)) throw new NotFound('report category');
    const row = await this.db.transaction(async (em) => {
      const found = await em.findOne(ReportCategory, { where: { code } });
      if (!found) throw new NotFound('report category');
      if (body.label !== undefined) found.label = body.label.trim();
      if (body.escalate !== undefined) found.escalate = body.escalate;
      if (body.active !== undefined) found.active = body.active;
      if (body.sortOrder !== undefined) found.sortOrder = body.sortOrder;
      return em.save(found);
    });
    return toAdminDto(row);
  }
}

const taken = (): AppException =>
  new AppException(409, 'CATEGORY_EXISTS', '该类别编码已存在', [{ field: 'code', reason: 'is already taken' }]);

function toAdminDto(c: ReportCategory): AdminReportCategoryDto {
  return { code: c.code, label: c.label, escalate: Boolean(c.escalate), active: Boolean(c.active), sortOrder: c.sortOrder };
}
