import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ASSET_KINDS, ASSET_USAGES, type AssetKind, type AssetUsage, type ContractPhase } from '@mingbai/shared';
import { IsQueryId, IsQueryInt } from '../../../common/validation/decorators';

export const CONTRACT_PHASES: ContractPhase[] = ['pending', 'active', 'expired', 'terminated'];

export class PublicAssetsQuery {
  @ApiPropertyOptional({ enum: ASSET_KINDS })
  @IsOptional()
  @IsIn(ASSET_KINDS)
  kind?: AssetKind;

  @ApiPropertyOptional({ enum: ASSET_USAGES })
  @IsOptional()
  @IsIn(ASSET_USAGES)
  usage?: AssetUsage;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsQueryId()
  cursor?: number;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IsQueryInt(1, 50)
  limit?: number;
}

export class PublicContractsQuery {
  @ApiPropertyOptional({ enum: CONTRACT_PHASES })
  @IsOptional()
  @IsIn(CONTRACT_PHASES)
  phase?: ContractPhase;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only contracts with rent overdue; false: only those without' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IsQueryInt(1, 50)
  limit?: number;
}

export class ReceiptCandidatesQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsQueryId()
  cursor?: number;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IsQueryInt(1, 50)
  limit?: number;
}
