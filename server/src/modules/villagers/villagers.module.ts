import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { VillagersController } from './villagers.controller';
import { VillagersRepository } from './villagers.repository';
import { VillagersService } from './villagers.service';

/** Villagers signed in through WeChat (wx.login → jscode2session). */
@Module({
  imports: [WechatModule],
  controllers: [VillagersController],
  providers: [VillagersService, VillagersRepository],
  exports: [VillagersService],
})
export class VillagersModule {}
