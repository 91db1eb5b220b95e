import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AppException } from '../../common/errors/app-exception';
import { WechatClient } from '../wechat/wechat.client';
import { WechatError } from '../wechat/wechat-error';

/** WeChat's msgSecCheck scene for user comments. */
const SCENE_COMMENT = 2;

/**
 * The pluggable check of report and follow-up texts (MSG_SEC_CHECK). 'off' (the default) passes
 * everything. 'wechat' sends the text WITH THE REPORTER'S OPENID to Tencent's msgSecCheck, which
 * links the words to the person at Tencent: it is therefore done only for texts of a named,
 * signed-in reporter (`openid` given); anonymous texts are never sent. A 'risky' verdict refuses
 * the text (422 CONTENT_REJECTED); 'review' passes; when WeChat cannot be reached the text passes
 * (a report must not be lost to an outage) and a warning without the text is logged.
 */
@Injectable()
export class ContentChecker {
  private readonly logger = new Logger(ContentChecker.name);

  constructor(
    private readonly wechat: WechatClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `field` names the text in the 422's details. */
  async check(text: string, openid: string | null, field = 'text'): Promise<void> {
    if (this.config.reports.contentCheck === 'off' || openid === null) return;
    let suggest: 'pass' | 'review' | 'risky';
    try {
      ({ suggest } = await this.wechat.msgSecCheck({ content: text, openid, scene: SCENE_COMMENT }));
    } catch (e) {
      if (!(e instanceof WechatError)) throw e;
      this.logger.warn(`content check skipped, WeChat failed: ${e.message}`);
      return;
    }
    if (suggest === 'risky')
      throw new AppException(422, 'CONTENT_REJECTED', '内容未通过安全检查，请修改后再提交', [{ field, reason: 'was refused by the content check' }]);
  }
}
