import { Body, Controller, Headers, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IDEMPOTENCY_HEADER, type CreateReportResponse, type ReporterViewDto, type ReportMessageDto } from '@mingbai/shared';
import { CurrentVillager, Public, VillagerRoute } from '../../common/auth/decorators';
import type { AuthVillager } from '../../common/auth/auth-villager';
import { NoStore } from '../../common/http/no-store';
import { CreateReportBody, ReceiptFollowUpBody, ReceiptLookupBody } from './dto/report.dto';
import { ReportFilingService } from './report-filing.service';
import { ReportFollowUpsService } from './report-follow-ups.service';
import { ReporterViewsService } from './reporter-views.service';
import type { IdempotentOutcome } from './idempotency/idempotency.service';

const IDEMPOTENCY_DOC = { name: IDEMPOTENCY_HEADER, required: true, description: '8-100 characters of [A-Za-z0-9_-], one per report; send the same key when retrying' };

/** Marks an answer replayed from an earlier request with the same Idempotency-Key. */
export function replayed<T>(reply: FastifyReply, outcome: IdempotentOutcome<T>): T {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return outcome.body;
}

@ApiTags('reports')
@NoStore()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly filing: ReportFilingService,
    private readonly followUps: ReportFollowUpsService,
    private readonly views: ReporterViewsService,
  ) {}

  /** File a report. Anonymous from anywhere; named only with a villager token (WeChat sign-in). */
  @ApiHeader(IDEMPOTENCY_DOC)
  @VillagerRoute('optional')
  @Post()
  @HttpCode(201)
  async create(
    @CurrentVillager() villager: AuthVillager | null,
    @Ip() ip: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CreateReportBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreateReportResponse> {
    return replayed(reply, await this.filing.file({ villager, ip, idempotencyKey: key }, body));
  }

  /** The report behind a receipt code (in the body, never in a URL). */
  @Public()
  @Post('lookup')
  @HttpCode(200)
  lookup(@Ip() ip: string, @Body() body: ReceiptLookupBody): Promise<ReporterViewDto> {
    return this.views.lookup(ip, body.receiptCode);
  }

  /** A follow-up message (and photos) by receipt code. */
  @ApiHeader(IDEMPOTENCY_DOC)
  @Public()
  @Post('follow-ups')
  @HttpCode(201)
  async followUp(
    @Ip() ip: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ReceiptFollowUpBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportMessageDto> {
    return replayed(reply, await this.followUps.byReceipt(ip, key, body));
  }
}
