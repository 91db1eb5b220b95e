import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RuleDto, RuleRunDto as RuleRunResult } from '@mingbai/shared';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { NoStore } from '../../common/http/no-store';
import { sendVersioned } from '../../common/http/public-cache';
import { NotFound } from '../../common/errors/app-exception';
import { RulesService } from './rules.service';
import { RULE_ID_MAX, RULE_ID_PATTERN, RuleRunDto, RuleSettingsDto, RulesQueryDto } from './dto/rules.dto';

/** GET /api/rules: what every rule looks for and why; anyone may read it. */
@ApiTags('rules')
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @Public()
  list(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string | undefined {
    return sendVersioned(req, reply, this.rules.definitions());
  }
}

/** The rules as the discipline office manages them: settings per region, precision, runs on demand. */
@ApiTags('inspector')
@ApiBearerAuth()
@Roles('inspector')
@NoStore()
@Controller('inspector/rules')
export class InspectorRulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: RulesQueryDto): Promise<RuleDto[]> {
    return this.rules.list(user, q.regionId);
  }

  @Put(':ruleId/settings')
  settings(@CurrentUser() user: AuthUser, @Param('ruleId') ruleId: string, @Body() dto: RuleSettingsDto): Promise<RuleDto> {
    return this.rules.saveSettings(user, ruleIdParam(ruleId), dto);
  }

  @Post('run')
  @HttpCode(200)
  run(@CurrentUser() user: AuthUser, @Body() dto: RuleRunDto): Promise<RuleRunResult[]> {
    return this.rules.run(user, dto.ruleId);
  }
}

/** A path segment that cannot be a rule id is an unknown rule. */
function ruleIdParam(raw: string): string {
  if (raw.length > RULE_ID_MAX || !RULE_ID_PATTERN.test(raw)) throw new NotFound('rule');
  return raw;
}
