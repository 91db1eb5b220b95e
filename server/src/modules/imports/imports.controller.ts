import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { ImportsService } from './imports.service';
import { BatchApprovalService } from './batch-approval.service';
import { readImportUpload } from './import-upload';
import { ImportQuery } from './dto/import-query.dto';
import type { BatchApprovalResult, CommitResult, DryRunResult, ImportBatchView } from './import.types';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly approval: BatchApprovalService,
  ) {}

  /**
   * A CSV or XLSX of ledger entries for the bookkeeper's own village (multipart field `file`).
   * dryRun=true (the default) answers 200 with every problem; dryRun=false imports all rows or
   * none and answers 201 with the batch.
   */
  @ApiConsumes('multipart/form-data')
  @Roles('bookkeeper')
  @Post()
  async upload(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DryRunResult | CommitResult> {
    const { bytes, fileName } = await readImportUpload(req);
    if (query.dryRun === 'false') {
      reply.status(201);
      return this.imports.commit(user, bytes, fileName);
    }
    reply.status(200);
    return this.imports.dryRun(user, bytes);
  }

  @Roles('bookkeeper', 'approver')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<ImportBatchView> {
    return this.imports.get(user, id);
  }

  /** Approves every entry of the batch still waiting for this approver; all or nothing. */
  @Roles('approver')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<BatchApprovalResult> {
    return this.approval.approve(user, id);
  }
}
