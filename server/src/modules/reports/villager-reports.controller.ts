import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IDEMPOTENCY_HEADER, type MyReportDto, type ReporterViewDto, type ReportMessageDto } from '@mingbai/shared';
import { CurrentVillager, VillagerRoute } from '../../common/auth/decorators';
import type { AuthVillager } from '../../common/auth/auth-villager';
import { NoStore } from '../../common/http/no-store';
import { IdPipe } from '../../common/validation/id.pipe';
import { FollowUpBody, SubscriptionBody } from './dto/report.dto';
import { ReportFollowUpsService } from './report-follow-ups.service';
import { ReporterViewsService } from './reporter-views.service';
import { replayed } from './reports.controller';

/** 我的举报: the signed-in villager's named reports. */
@ApiTags('villager')
@ApiBearerAuth()
@NoStore()
@VillagerRoute('required')
@Controller('villager/reports')
export class VillagerReportsController {
  constructor(
    private readonly views: ReporterViewsService,
    private readonly followUps: ReportFollowUpsService,
  ) {}

  @Get()
  list(@CurrentVillager() villager: AuthVillager): Promise<MyReportDto[]> {
    return this.views.mine(villager);
  }

  @Get(':id')
  get(@CurrentVillager() villager: AuthVillager, @Param('id', new IdPipe()) id: number): Promise<ReporterViewDto> {
    return this.views.mineOne(villager, id);
  }

  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: true })
  @Post(':id/messages')
  @HttpCode(201)
  async message(
    @CurrentVillager() villager: AuthVillager,
    @Param('id', new IdPipe()) id: number,
    @Ip() ip: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: FollowUpBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportMessageDto> {
    return replayed(reply, await this.followUps.byVillager(villager, id, ip, key, body));
  }

  /** The villager accepted subscribe messages (wx.requestSubscribeMessage) for this report. */
  @Post(':id/subscription')
  @HttpCode(204)
  subscribe(@CurrentVillager() villager: AuthVillager, @Param('id', new IdPipe()) id: number, @Body() body: SubscriptionBody): Promise<void> {
    return this.views.subscribe(villager, id, body.accepted);
  }
}
