import { Inject, Injectable, Logger } from '@nestjs/common';
import { toBuffer } from 'qrcode';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AppException, NotFound } from '../../common/errors/app-exception';
import { RegionsRepository } from '../regions/regions.repository';
import { WechatClient } from '../wechat/wechat.client';
import { WechatError } from '../wechat/wechat-error';
import { LruCache } from './lru-cache';

export interface QrImage {
  contentType: string;
  body: Buffer;
  /** True when the image depends on the request's Host / X-Forwarded-Proto (PUBLIC_URL unset). */
  fromRequest: boolean;
}

/** The mini-program page a village's code opens; it reads the village from `scene` ("v=ID"). */
export const MINI_PROGRAM_HOME = 'pages/index/index';
const WXACODE_WIDTH = 430;
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2, width: 600, type: 'png' } as const;

/**
 * A village's code for posters: a WeChat mini-program code when WeChat credentials are configured,
 * otherwise a plain QR code of the H5 address `${PUBLIC_URL}/?v=ID`. Images are made once and
 * kept in a small LRU; concurrent requests for the same image share one generation.
 */
@Injectable()
export class QrcodeService {
  private readonly logger = new Logger(QrcodeService.name);
  private readonly cache = new LruCache<QrImage>(500);
  private readonly pending = new Map<string, Promise<QrImage>>();

  constructor(
    private readonly regions: RegionsRepository,
    private readonly wechat: WechatClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `origin` is asked for only when the H5 address has to come from the request. */
  async forVillage(villageId: number, origin: () => string): Promise<QrImage> {
    if (!(await this.regions.findVillage(villageId))) throw new NotFound('village');
    if (this.wechat.configured) {
      const envVersion = this.wechat.envVersion;
      return this.once(`wxa|${envVersion}|${villageId}`, () => this.miniProgramCode(villageId));
    }
    const url = this.h5Url(villageId, origin);
    return this.once(`h5|${url}`, async () => ({
      contentType: 'image/png',
      body: await toBuffer(url, QR_OPTIONS),
      fromRequest: this.config.publicUrl === null,
    }));
  }

  /** The H5 address of a village: the app reads `?v=` and opens that village. */
  h5Url(villageId: number, origin: () => string): string {
    return `${this.config.publicUrl ?? origin()}/?v=${villageId}`;
  }

  private async miniProgramCode(villageId: number): Promise<QrImage> {
    try {
      const image = await this.wechat.unlimitedCode({
        scene: `v=${villageId}`,
        page: MINI_PROGRAM_HOME,
        checkPath: false,
        envVersion: this.wechat.envVersion,
        width: WXACODE_WIDTH,
      });
      return { ...image, fromRequest: false };
    } catch (e) {
      if (!(e instanceof WechatError)) throw e;
      this.logger.error(`mini-program code for village ${villageId} failed: ${e.message}`);
      throw new AppException(502, 'WECHAT_UNAVAILABLE', '微信小程序码暂时无法生成，请稍后重试');
    }
  }

  private async once(key: string, make: () => Promise<QrImage>): Promise<QrImage> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    let running = this.pending.get(key);
    if (!running) {
      running = make()
        .then((image) => {
          this.cache.set(key, image);
          return image;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }
}
