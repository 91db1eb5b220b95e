import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  CaseLinkDto,
  DigestOfficeDto,
  InboxPage,
  InspectorDto,
  OfficeDto,
  ReportDetailDto,
  ReportMessageDto,
  ReportStatsDto,
  RevealAuditDto,
  RevealedIdentityDto,
} from '@mingbai/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { NoStore } from '../../common/http/no-store';
import { CaseQueriesService } from './case-queries.service';
import { CaseActionsService } from './case-actions.service';
import { CaseStatsService } from './case-stats.service';
import { CaseLinksService } from './links/case-links.service';
import { AssignDto, CaseLinkBodyDto, CaseTransitionDto, InboxQueryDto, OfficeReplyDto, RevealDto, StatsQueryDto, TransferDto } from './dto/case.dto';

/**
 * The discipline office (纪检监察): inspectors only, and only for cases of offices within their region.
 * A case is a citizen report or a rule's warning; both share the inbox and the lifecycle.
 */
@ApiTags('inspector')
@ApiBearerAuth()
@Roles('inspector')
@NoStore()
@Controller('inspector')
export class CasesController {
  constructor(
    private readonly queries: CaseQueriesService,
    private readonly actions: CaseActionsService,
    private readonly stats: CaseStatsService,
    private readonly links: CaseLinksService,
  ) {}

  @Get('reports')
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<InboxPage> {
    return this.queries.inbox(user, query);
  }

  @Get('reports/:id')
  detail(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<ReportDetailDto> {
    return this.queries.detail(user, id);
  }

  @Post('reports/:id/transitions')
  @HttpCode(200)
  transition(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: CaseTransitionDto): Promise<ReportDetailDto> {
    return this.actions.transition(user, id, dto);
  }

  @Post('reports/:id/assign')
  @HttpCode(200)
  assign(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: AssignDto): Promise<ReportDetailDto> {
    return this.actions.assign(user, id, dto);
  }

  @Post('reports/:id/transfer')
  @HttpCode(200)
  transfer(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: TransferDto): Promise<ReportDetailDto> {
    return this.actions.transfer(user, id, dto);
  }

  @Post('reports/:id/messages')
  @HttpCode(201)
  reply(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: OfficeReplyDto): Promise<ReportMessageDto> {
    return this.actions.reply(user, id, dto);
  }

  @Post('reports/:id/reveal')
  @HttpCode(200)
  reveal(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: RevealDto): Promise<RevealedIdentityDto> {
    return this.actions.reveal(user, id, dto);
  }

  /** Links the case to another one about the same thing (idempotent); answers the case's links. */
  @Post('reports/:id/links')
  @HttpCode(200)
  link(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: CaseLinkBodyDto): Promise<CaseLinkDto[]> {
    return this.links.link(user, id, dto.caseId);
  }

  /** Removes a link made by an inspector (idempotent); automatic links stay. Answers the case's links. */
  @Delete('reports/:id/links/:caseId')
  unlink(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Param('caseId', new IdPipe('caseId')) caseId: number): Promise<CaseLinkDto[]> {
    return this.links.unlink(user, id, caseId);
  }

  @Get('reports/:id/reveals')
  reveals(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<RevealAuditDto[]> {
    return this.queries.reveals(user, id);
  }

  @Get('colleagues')
  colleagues(@CurrentUser() user: AuthUser): Promise<InspectorDto[]> {
    return this.queries.colleagues(user);
  }

  @Get('offices')
  offices(@CurrentUser() user: AuthUser): Promise<OfficeDto[]> {
    return this.queries.offices(user);
  }

  @Get('report-stats')
  reportStats(@CurrentUser() user: AuthUser, @Query() query: StatsQueryDto): Promise<ReportStatsDto> {
    return this.stats.stats(user, query);
  }

  @Get('report-digest')
  digest(@CurrentUser() user: AuthUser): Promise<DigestOfficeDto[]> {
    return this.stats.digest(user);
  }
}
