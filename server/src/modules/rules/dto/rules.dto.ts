import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import type { RuleRunRequest, RuleSettingsRequest } from '@mingbai/shared';
import { IsQueryId } from '../../../common/validation/decorators';

/** A rule id: lower-case words joined by dashes, at most 27 characters ('rule:' + id fits category_code). */
export const RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const RULE_ID_MAX = 27;

export class RulesQueryDto {
  @ApiPropertyOptional({ description: 'A region within the inspector’s own; default their own region' })
  @IsOptional()
  @IsQueryId()
  regionId?: number;
}

export class RuleSettingsDto implements RuleSettingsRequest {
  @ApiProperty()
  @IsInt({ message: 'regionId must be a positive whole number' })
  @Min(1, { message: 'regionId must be a positive whole number' })
  @Max(2_147_483_647, { message: 'regionId must be a positive whole number' })
  regionId: number;

  @ApiProperty()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled: boolean;

  @ApiProperty({
    description: 'Only keys of the rule’s parameters, each within its range; absent keys inherit',
    example: { graceDays: 90 },
  })
  @IsObject({ message: 'params must be an object of parameter values' })
  params: Record<string, number>;
}

export class RuleRunDto implements RuleRunRequest {
  @ApiPropertyOptional({ description: 'One rule; all rules when absent' })
  @IsOptional()
  @Matches(RULE_ID_PATTERN, { message: 'ruleId must be a rule id' })
  ruleId?: string;
}
