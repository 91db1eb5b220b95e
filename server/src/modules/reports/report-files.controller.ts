import { Controller, Get, HttpCode, Inject, Ip, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReportUploadDto } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Public } from '../../common/auth/decorators';
import { NoStore } from '../../common/http/no-store';
import { IdPipe } from '../../common/validation/id.pipe';
import { readUpload } from '../attachments/read-upload';
import { ReportFilesService } from './report-files.service';
import { ReportFileQuery } from './dto/report.dto';

@ApiTags('reports')
@NoStore()
@Controller()
export class ReportFilesController {
  constructor(
    private readonly files: ReportFilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A photo for a report or follow-up about to be sent: EXIF and GPS removed; put its id in photoIds. */
  @ApiConsumes('multipart/form-data')
  @Public()
  @Post('report-uploads')
  @HttpCode(201)
  async upload(@Ip() ip: string, @Req() req: FastifyRequest): Promise<ReportUploadDto> {
    return this.files.upload(ip, await readUpload(req, this.config.maxUploadBytes));
  }

  /** A report photo, through a signed URL from a report view (valid ten minutes). */
  @Public()
  @Get('report-files/:id')
  async download(@Param('id', new IdPipe()) id: number, @Query() query: ReportFileQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.files.open(id, Number(query.exp), query.sig);
    reply.headers({ 'content-type': file.mime, 'content-disposition': 'inline', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    return Buffer.isBuffer(file.body) ? new StreamableFile(file.body, { length: file.size }) : new StreamableFile(file.body, { length: file.size });
  }
}
