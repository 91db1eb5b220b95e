import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  ContractDto,
  Page,
  ReceiptCandidateDto,
  RegisterBatchApprovalResult,
  RegisterImportResult,
  StaffContractItemDto,
} from '@mingbai/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { readImportUpload } from '../imports/import-upload';
import { RegisterImportQuery, RegisterReasonDto, StaffRegisterQuery } from '../assets/dto/register-query.dto';
import { ContractsService } from './contracts.service';
import { RentReceiptsService } from './rent-receipts.service';
import { ContractImportService } from './contract-import.service';
import {
  ContractAttachmentsDto,
  CreateContractDto,
  RentReceiptInputDto,
  TerminateContractDto,
  UpdateContractDto,
} from './dto/contract.dto';
import { ReceiptCandidatesQuery } from './dto/public-register.dto';

/** The contract register for staff: bookkeepers keep it and record rent, approvers approve, inspectors and admins read. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff/contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly receipts: RentReceiptsService,
    private readonly importer: ContractImportService,
  ) {}

  @Roles('bookkeeper')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateContractDto): Promise<ContractDto> {
    return this.contracts.create(user, dto);
  }

  @Roles('bookkeeper', 'approver', 'inspector', 'admin')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: StaffRegisterQuery): Promise<Page<StaffContractItemDto>> {
    return this.contracts.list(user, query);
  }

  /**
   * A CSV or XLSX file of contracts (multipart field `file`; headers 合同编号, 资产编号, 类型, 承租方类型,
   * 承租方, 起始日期, 终止日期, 付款方式, 年租金(元), 押金(元), 面积(平方米), 发包方式, 备注): all rows stored,
   * submitted for approval, or none.
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

  /** Approves every contract of an import batch still waiting; all or nothing. */
  @Roles('approver')
  @Post('imports/:batchId/approve')
  @HttpCode(200)
  approveBatch(
    @CurrentUser() user: AuthUser,
    @Param('batchId', new IdPipe('batchId')) batchId: number,
  ): Promise<RegisterBatchApprovalResult> {
    return this.contracts.approveBatch(user, batchId);
  }

  @Roles('bookkeeper', 'approver', 'inspector', 'admin')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<ContractDto> {
    return this.contracts.get(user, id);
  }

  @Roles('bookkeeper')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: UpdateContractDto): Promise<ContractDto> {
    return this.contracts.update(user, id, dto);
  }

  @Roles('bookkeeper')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<void> {
    return this.contracts.remove(user, id);
  }

  @Roles('bookkeeper')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<ContractDto> {
    return this.contracts.submit(user, id);
  }

  @Roles('approver')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<ContractDto> {
    return this.contracts.approve(user, id);
  }

  @Roles('approver')
  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: RegisterReasonDto): Promise<ContractDto> {
    return this.contracts.reject(user, id, dto.reason);
  }

  /** Asks to end an approved contract early; an approver's approval applies it. */
  @Roles('bookkeeper')
  @Post(':id/terminate')
  @HttpCode(200)
  terminate(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: TerminateContractDto): Promise<ContractDto> {
    return this.contracts.terminate(user, id, dto);
  }

  /** Replaces the contract's scans (uploaded with POST /api/staff/attachments); never public. */
  @Roles('bookkeeper')
  @Put(':id/attachments')
  setAttachments(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdPipe()) id: number,
    @Body() dto: ContractAttachmentsDto,
  ): Promise<ContractDto> {
    return this.contracts.setAttachments(user, id, dto.attachmentIds);
  }

  /** Counts (part of) a published income entry of the village as rent of this contract. */
  @Roles('bookkeeper')
  @Post(':id/receipts')
  @HttpCode(201)
  recordReceipt(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdPipe()) id: number,
    @Body() dto: RentReceiptInputDto,
  ): Promise<ContractDto> {
    return this.receipts.record(user, id, dto);
  }

  @Roles('bookkeeper')
  @Get(':id/receipt-candidates')
  candidates(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdPipe()) id: number,
    @Query() query: ReceiptCandidatesQuery,
  ): Promise<Page<ReceiptCandidateDto>> {
    return this.receipts.candidates(user, id, query);
  }
}
