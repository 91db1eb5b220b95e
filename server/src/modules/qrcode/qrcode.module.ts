import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { QrcodeController } from './qrcode.controller';
import { QrcodeService } from './qrcode.service';

/** GET /api/villages/:id/qrcode.png: the code printed on a village's poster. */
@Module({
  imports: [WechatModule],
  controllers: [QrcodeController],
  providers: [QrcodeService],
})
export class QrcodeModule {}
