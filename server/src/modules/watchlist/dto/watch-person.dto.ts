import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { WATCH_LIST_KINDS, type WatchListKind } from '@mingbai/shared';
import { IsCalendarDate, IsPublicText, IsQueryId, IsQueryInt } from '../../../common/validation/decorators';

export const WATCH_NAME_MAX = 50;
export const WATCH_RELATION_MAX = 100;
export const WATCH_SOURCE_MAX = 100;

/** Absent, null or blank: none (forms send empty fields as ''). */
const given = (_o: unknown, v: unknown): boolean => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');

/** Optional text: none when absent, null or blank; otherwise at most max characters, free of ID-card and phone numbers. */
function OptionalText(max: number): PropertyDecorator {
  return applyDecorators(ValidateIf(given), IsPublicText(max));
}

export class WatchPersonBodyDto {
  @ApiProperty({ description: 'The region whose list it is (within the inspector’s own)' })
  @IsInt({ message: 'regionId must be a region id' })
  @Min(1, { message: 'regionId must be a region id' })
  regionId: number;

  @ApiProperty({ enum: WATCH_LIST_KINDS })
  @IsIn(WATCH_LIST_KINDS)
  listKind: WatchListKind;

  @ApiProperty({ example: '王小明', maxLength: WATCH_NAME_MAX })
  @IsPublicText(WATCH_NAME_MAX)
  name: string;

  @ApiPropertyOptional({
    nullable: true,
    description: '18-character resident ID; only its keyed hash is kept, never the number; never returned',
  })
  @ValidateIf(given)
  @IsString({ message: 'idNumber must be text' })
  @MaxLength(40, { message: 'idNumber must be an 18-character resident ID number' })
  idNumber?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '村委会主任王某之子' })
  @OptionalText(WATCH_RELATION_MAX)
  relation?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'From when the status holds (death, moving out, taking office …)' })
  @ValidateIf(given)
  @IsCalendarDate()
  sinceOn?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '县人社局 2025 年名册' })
  @OptionalText(WATCH_SOURCE_MAX)
  source?: string | null;
}

/** Changes: absent fields stay; idNumber null removes the hash, blank keeps it, a number replaces it. */
export class WatchPersonPatchDto extends PartialType(WatchPersonBodyDto) {
  @ApiPropertyOptional({ description: 'true puts a deactivated person back on the list' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export const WATCH_ACTIVE_FILTERS = ['true', 'false', 'all'] as const;

export class WatchListQueryDto {
  @ApiPropertyOptional({ description: 'Only this region’s list; default every list within the inspector’s region' })
  @IsOptional()
  @IsQueryId()
  regionId?: number;

  @ApiPropertyOptional({ enum: WATCH_LIST_KINDS })
  @IsOptional()
  @IsIn(WATCH_LIST_KINDS)
  listKind?: WatchListKind;

  @ApiPropertyOptional({ description: 'Part of a name (compared normalised) or of the relation' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ enum: WATCH_ACTIVE_FILTERS, default: 'true', description: "'false': deactivated people only; 'all': both" })
  @IsOptional()
  @IsIn(WATCH_ACTIVE_FILTERS)
  active?: (typeof WATCH_ACTIVE_FILTERS)[number];

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @IsQueryInt(1, 200)
  limit?: number;
}

export class WatchImportQueryDto {
  @ApiPropertyOptional({ description: 'The region whose list the file fills; default the inspector’s own' })
  @IsOptional()
  @IsQueryId()
  regionId?: number;
}
