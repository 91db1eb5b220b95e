import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DashboardDto } from '@mingbai/shared';
import { CurrentUser, Roles } from '../../../common/auth/decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { NoStore } from '../../../common/http/no-store';
import { CaseExportService } from '../export/case-export.service';
import { DashboardQueryDto, ExportQueryDto } from '../dto/dashboard.dto';
import { DashboardService } from './dashboard.service';

/** The discipline office's dashboard (监督看板) and the exports of its lists. Inspectors only. */
@ApiTags('inspector')
@ApiBearerAuth()
@Roles('inspector')
@NoStore()
@Controller('inspector/dashboard')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly exports: CaseExportService,
  ) {}

  @Get()
  get(@CurrentUser() user: AuthUser, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.dashboardOf(user, query);
  }

  /**
   * The warnings or the reports as CSV (UTF-8 with BOM) or XLSX, with the inbox's filters; at most
   * EXPORT_MAX_ROWS (50,000) rows (X-Export-Total / X-Export-Rows / X-Export-Truncated say how many, and a
   * cut list ends with a note row). Reports are exported without their text or anything of the reporter.
   */
  @Get('export')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, query);
    reply.headers({
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileNameUtf8)}`,
      'x-content-type-options': 'nosniff',
      'x-export-total': String(file.total),
      'x-export-rows': String(file.rows),
      'x-export-truncated': String(file.total > file.rows),
      'x-export-row-limit': String(file.maxRows),
    });
    return new StreamableFile(file.body);
  }
}
