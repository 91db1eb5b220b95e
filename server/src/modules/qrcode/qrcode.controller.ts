import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/decorators';
import { IdPipe } from '../../common/validation/id.pipe';
import { QrcodeService } from './qrcode.service';
import { requestOrigin } from './request-origin';

@ApiTags('public')
@Public()
@Controller()
export class QrcodeController {
  constructor(private readonly qrcode: QrcodeService) {}

  /** The village's code for posters: a WeChat mini-program code, or a QR code of the H5 address. */
  @Get('villages/:id/qrcode.png')
  @ApiOkResponse({
    description: 'PNG QR code of `${PUBLIC_URL}/?v=ID`; with WeChat credentials, the mini-program code with the content type WeChat sends (image/jpeg or image/png)',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } },
  })
  async village(@Param('id', new IdPipe()) id: number, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const image = await this.qrcode.forVillage(id, () => requestOrigin(req));
    reply.headers({
      'content-type': image.contentType,
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      ...(image.fromRequest ? { vary: 'Host, X-Forwarded-Proto' } : {}),
    });
    return new StreamableFile(image.body, { length: image.body.length });
  }
}
