import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AssetDto, Page, RegisterBatchApprovalResult, RegisterImportResult } from '@mingbai/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { readImportUpload } from '../imports/import-upload';
import { AssetsService } from './assets.service';
import { AssetImportService } from './asset-import.service';
import { CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';
import { RegisterImportQuery, RegisterReasonDto, StaffRegisterQuery } from './dto/register-query.dto';

/** The asset register for staff: bookkeepers keep it, approvers approve, inspectors and admins read. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff/assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly importer: AssetImportService,
  ) {}

  @Roles('bookkeeper')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAssetDto): Promise<AssetDto> {
    return this.assets.create(user, dto);
  }

  @Roles('bookkeeper', 'approver', 'inspector', 'admin')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: StaffRegisterQuery): Promise<Page<AssetDto>> {
    return this.assets.list(user, query);
  }

  /**
   * A CSV or XLSX file of assets (multipart field `file`; headers 资产编号, 名称, 类别, 坐落位置,
   * 面积(平方米), 账面价值(元), 使用状态, 取得日期, 备注): all rows stored, submitted for approval, or none.
   */
  @ApiConsumes('multipart/form-data')
  @Roles('bookkeeper')
  @Post('import')
  async import(
    @CurrentUser() user: AuthUser,
    @Query() query: RegisterImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisterImportResult> {
    const { bytes, fileName } = await readImportUpload(req);
    const dryRun = query.dryRun === 'true';
    reply.status(dryRun ? 200 : 201);
    return this.importer.import(user, bytes, fileName, dryRun);
  }

  /** Approves every asset of an import batch still waiting; all or nothing. */
  @Roles('approver')
  @Post('imports/:batchId/approve')
  @HttpCode(200)
  approveBatch(
    @CurrentUser() user: AuthUser,
    @Param('batchId', new IdPipe('batchId')) batchId: number,
  ): Promise<RegisterBatchApprovalResult> {
    return this.assets.approveBatch(user, batchId);
  }

  @Roles('bookkeeper', 'approver', 'inspector', 'admin')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<AssetDto> {
    return this.assets.get(user, id);
  }

  /** Edits a draft or rejected asset; on an approved one, asks for a change that waits for approval. */
  @Roles('bookkeeper')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: UpdateAssetDto): Promise<AssetDto> {
    return this.assets.update(user, id, dto);
  }

  @Roles('bookkeeper')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<void> {
    return this.assets.remove(user, id);
  }

  @Roles('bookkeeper')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<AssetDto> {
    return this.assets.submit(user, id);
  }

  @Roles('approver')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<AssetDto> {
    return this.assets.approve(user, id);
  }

  @Roles('approver')
  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: RegisterReasonDto): Promise<AssetDto> {
    return this.assets.reject(user, id, dto.reason);
  }
}
