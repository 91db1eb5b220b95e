import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CHART_VERSIONS, type ChartVersion } from '@mingbai/shared';

export class ChartQuery {
  @ApiPropertyOptional({ enum: CHART_VERSIONS, default: '2023' })
  @IsOptional()
  @IsIn(CHART_VERSIONS)
  version?: ChartVersion;
}
