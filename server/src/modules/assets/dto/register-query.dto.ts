import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REGISTER_STATUSES, REGISTER_LIMITS, type RegisterStatus } from '@mingbai/shared';
import { IsPublicText, IsQueryId, IsQueryInt } from '../../../common/validation/decorators';

/** Staff lists of assets and contracts. */
export class StaffRegisterQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  villageId?: number;

  @ApiPropertyOptional({ enum: REGISTER_STATUSES })
  @IsOptional()
  @IsIn(REGISTER_STATUSES)
  status?: RegisterStatus;

  @ApiPropertyOptional({
    enum: ['true'],
    description: 'Only records waiting for an approver: submitted, or approved with a change pending',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'awaitingReview must be true' })
  awaitingReview?: 'true';

  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  importBatchId?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsQueryId()
  cursor?: number;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IsQueryInt(1, 50)
  limit?: number;
}

export class RegisterReasonDto {
  @ApiProperty({ example: '面积与产权证不符' })
  @IsPublicText(REGISTER_LIMITS.reasonMax)
  reason: string;
}

export class RegisterImportQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: check only and report every problem' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}
