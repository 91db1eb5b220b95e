/**
 * A call to WeChat that did not give what was asked for: WeChat answered with an error
 * (`errcode` is then WeChat's own code, e.g. 45009 for a daily quota), or could not be reached,
 * timed out or answered something unexpected (`errcode` null). The message never contains
 * the AppSecret or an access token.
 */
export class WechatError extends Error {
  constructor(
    message: string,
    readonly errcode: number | null = null,
  ) {
    super(message);
    this.name = 'WechatError';
  }
}
