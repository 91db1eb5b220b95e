import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { VillagerSessionDto } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { AppException } from '../../common/errors/app-exception';
import type { VillagerTokenPayload } from '../../common/auth/auth-villager';
import { WechatClient } from '../wechat/wechat.client';
import { WechatError } from '../wechat/wechat-error';
import { Villager } from './villager.entity';
import { VillagersRepository } from './villagers.repository';
import { openidRef, villagerSealContext } from './villager-refs';
import { isUniqueViolation } from '../../database/unique-violation';

/** How long a villager token is valid: a week, then the app signs in again with wx.login. */
export const VILLAGER_TOKEN_TTL_SECONDS = 7 * 86_400;
/** jscode2session errcodes meaning the code itself is bad: invalid (40029) or already used (40163). */
const CODE_REJECTED = new Set([40029, 40163]);

/**
 * Villagers signed in through WeChat. A villager is known by an HMAC of their openid; the openid
 * itself is kept sealed and opened only when a report needs it (named reports, content checks,
 * subscribe messages). No openid or login code is ever logged.
 */
@Injectable()
export class VillagersService {
  private readonly logger = new Logger(VillagersService.name);

  constructor(
    private readonly db: Db,
    private readonly villagers: VillagersRepository,
    private readonly wechat: WechatClient,
    private readonly jwt: JwtService,
    private readonly cipher: IdentityCipher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** wx.login code → openid (WeChat) → villager row → a villager token valid for a week. */
  async signIn(code: string): Promise<VillagerSessionDto> {
    if (!this.wechat.configured) throw new AppException(503, 'WECHAT_NOT_CONFIGURED', '本服务未接入微信登录，请匿名举报');
    let openid: string;
    try {
      ({ openid } = await this.wechat.code2Session(code));
    } catch (e) {
      if (!(e instanceof WechatError)) throw e;
      if (e.errcode !== null && CODE_REJECTED.has(e.errcode))
        throw new AppException(400, 'WECHAT_CODE_INVALID', '微信登录已失效，请重试', [{ field: 'code', reason: 'WeChat did not accept the code (expired or already used)' }]);
      this.logger.warn(`villager sign-in failed: ${e.message}`);
      throw new AppException(502, 'WECHAT_UNAVAILABLE', '微信登录暂时不可用，请稍后重试');
    }
    const villager = await this.upsert(openid);
    const payload: VillagerTokenPayload = { sub: villager.id, kind: 'villager' };
    const token = await this.jwt.signAsync(payload, { expiresIn: VILLAGER_TOKEN_TTL_SECONDS });
    return { token, expiresAt: new Date(this.clock.now().getTime() + VILLAGER_TOKEN_TTL_SECONDS * 1000).toISOString() };
  }

  /** The openid of a villager, or null when there is no such villager. Never log it. */
  async openidOf(villagerId: number): Promise<string | null> {
    const villager = await this.villagers.findById(villagerId);
    return villager ? this.cipher.open(villager.openidSealed, villagerSealContext(villager.openidRef)) : null;
  }

  /** The villager of an openid, created on first sign-in; two first sign-ins at once make one row. */
  private async upsert(openid: string): Promise<Villager> {
    const ref = openidRef(this.config.reports.hashSecret, openid);
    const now = this.clock.now();
    const seal = () => this.cipher.seal(openid, villagerSealContext(ref));
    try {
      return await this.db.transaction(async (em) => {
        const existing = await this.villagers.findByRef(ref, em);
        if (!existing) return this.villagers.insert(em, { openidRef: ref, openidSealed: seal(), createdAt: now, lastSeenAt: now });
        // Re-seal under the current key when the identity keys have rotated.
        await this.villagers.touch(em, existing.id, now, this.cipher.isStale(existing.openidSealed) ? seal() : undefined);
        return existing;
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.villagers.findByRef(ref);
      if (!winner) throw e;
      return winner;
    }
  }
}
