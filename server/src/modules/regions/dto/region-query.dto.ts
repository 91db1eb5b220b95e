import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsQueryId, IsQueryInt } from '../../../common/validation/decorators';

export class RegionChildrenQuery {
  @ApiPropertyOptional({ description: 'Parent region id; omitted for the top level' })
  @IsOptional()
  @IsQueryId()
  parent?: number;
}

export class VillageSearchQuery {
  @ApiPropertyOptional({ description: 'Part of the village name, or the start of its code' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: 'Only villages within this region' })
  @IsOptional()
  @IsQueryId()
  region?: number;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IsQueryInt(1, 50)
  limit?: number;
}
