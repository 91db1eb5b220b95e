import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { LedgerService } from './ledger.service';
import { CreateEntryDto, ReasonDto, StaffEntryQuery, UpdateEntryDto } from './dto/entry.dto';
import { StaffEntryView } from './staff-entry.view';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff/entries')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Roles('bookkeeper')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateEntryDto): Promise<StaffEntryView> {
    return this.ledger.create(user, dto);
  }

  @Roles('bookkeeper', 'approver')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: StaffEntryQuery) {
    return this.ledger.list(user, query);
  }

  @Roles('bookkeeper', 'approver')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<StaffEntryView> {
    return this.ledger.get(user, id);
  }

  @Roles('bookkeeper')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: UpdateEntryDto): Promise<StaffEntryView> {
    return this.ledger.update(user, id, dto);
  }

  @Roles('bookkeeper')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<void> {
    return this.ledger.remove(user, id);
  }

  @Roles('bookkeeper')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<StaffEntryView> {
    return this.ledger.submit(user, id);
  }

  @Roles('approver')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<StaffEntryView> {
    return this.ledger.approve(user, id);
  }

  @Roles('approver')
  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: ReasonDto): Promise<StaffEntryView> {
    return this.ledger.reject(user, id, dto.reason);
  }

  @Roles('bookkeeper')
  @Post(':id/reversal')
  reverse(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: ReasonDto): Promise<StaffEntryView> {
    return this.ledger.reverse(user, id, dto.reason);
  }
}
