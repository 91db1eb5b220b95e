import { Controller, Get, Headers, HttpCode, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttachmentDto } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { AttachmentsService } from './attachments.service';
import { OptionalViewer } from './optional-viewer';
import { readUpload } from './read-upload';

@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly viewer: OptionalViewer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A voucher photo or PDF for the bookkeeper's own village; attach it to an entry afterwards. */
  @ApiTags('staff')
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @Roles('bookkeeper')
  @Post('staff/attachments')
  @HttpCode(201)
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<AttachmentDto> {
    const body = await readUpload(req, this.config.maxUploadBytes);
    return this.attachments.upload(user, body);
  }

  /** Public for vouchers of published entries; otherwise only for staff in scope (send the bearer token). */
  @ApiTags('public')
  @Public()
  @Get('attachments/:id')
  async download(
    @Param('id', new IdPipe()) id: number,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.attachments.open(id, await this.viewer.fromHeader(authorization));
    reply.headers({
      'content-type': file.mime,
      'content-disposition': `inline; filename="${file.fileName}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': file.isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store',
      etag: `"${file.sha256}"`,
    });
    const options = { length: file.size };
    return Buffer.isBuffer(file.body) ? new StreamableFile(file.body, options) : new StreamableFile(file.body, options);
  }
}
