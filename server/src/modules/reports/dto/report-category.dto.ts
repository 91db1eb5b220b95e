import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsPublicText } from '../../../common/validation/decorators';

export const CATEGORY_CODE_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;
const CODE_MESSAGE = 'code must be 2-32 characters: a lowercase letter, then lowercase letters, digits or _';

/** A category as the admin sees it (the public list shows code and label only). */
export interface AdminReportCategoryDto {
  code: string;
  label: string;
  escalate: boolean;
  active: boolean;
  sortOrder: number;
}

export class CreateReportCategoryBody {
  @ApiProperty({ example: 'land_grab' })
  @Matches(CATEGORY_CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: '侵占集体土地' })
  @IsPublicText(50)
  label: string;

  @ApiPropertyOptional({ description: 'Reports of this category go straight to the county office', default: false })
  @IsOptional()
  @IsBoolean()
  escalate?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Smaller first; default: after the last one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;
}

export class UpdateReportCategoryBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsPublicText(50)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  escalate?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;
}
