import { Module } from '@nestjs/common';

/** Villagers signed in through WeChat (wx.login → jscode2session). */
@Module({})
export class VillagersModule {}
