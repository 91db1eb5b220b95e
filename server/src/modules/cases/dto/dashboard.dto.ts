import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsQueryId } from '../../../common/validation/decorators';
import { InboxFiltersDto } from './case.dto';

export class DashboardQueryDto {
  @ApiPropertyOptional({ description: 'A region within the inspector’s own (county, town or village); default their own' })
  @IsOptional()
  @IsQueryId()
  regionId?: number;

  @ApiPropertyOptional({
    description: 'First day of the period (China date) for conclusions and amounts recovered; default 1 January of `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the period (China date); default today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export const EXPORT_LISTS = ['warnings', 'reports'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export of the warnings or the reports, with the inbox's filters (the list gives the kind). */
export class ExportQueryDto extends OmitType(InboxFiltersDto, ['kind'] as const) {
  @ApiProperty({ enum: EXPORT_LISTS })
  @IsIn(EXPORT_LISTS)
  list: ExportList;

  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({ description: 'Only cases of villages in this region (within the inspector’s own)' })
  @IsOptional()
  @IsQueryId()
  regionId?: number;
}
