import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { VillagerSessionDto } from '@mingbai/shared';
import { Public } from '../../common/auth/decorators';
import { NoStore } from '../../common/http/no-store';
import { VillagerSessionBody } from './dto/villager-session.dto';
import { VillagersService } from './villagers.service';

@ApiTags('villager')
@NoStore()
@Controller('villager')
export class VillagersController {
  constructor(private readonly villagers: VillagersService) {}

  /** Exchange a wx.login code for a villager token (WeChat only; 503 when WeChat is not configured). */
  @Public()
  @Post('session')
  @HttpCode(200)
  session(@Body() body: VillagerSessionBody): Promise<VillagerSessionDto> {
    return this.villagers.signIn(body.code);
  }
}
