import { Module } from '@nestjs/common';
import { WechatClient } from './wechat.client';

/** The WeChat server API client. One instance per app, so the access token cache is shared. */
@Module({
  providers: [WechatClient],
  exports: [WechatClient],
})
export class WechatModule {}
