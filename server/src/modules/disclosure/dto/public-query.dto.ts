import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DIRECTIONS, type Direction } from '@mingbai/shared';
import { IsQueryInt } from '../../../common/validation/decorators';

const DATE_OR_MONTH = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

export class PublicEntriesQuery {
  @ApiPropertyOptional({ description: 'From this date or month (YYYY-MM-DD or YYYY-MM), inclusive' })
  @IsOptional()
  @Matches(DATE_OR_MONTH, { message: 'from must be YYYY-MM-DD or YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this date or month, inclusive' })
  @IsOptional()
  @Matches(DATE_OR_MONTH, { message: 'to must be YYYY-MM-DD or YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  @ApiPropertyOptional({ example: '501' })
  @IsOptional()
  @Matches(/^\d{3,10}$/, { message: 'subject must be an account code' })
  subject?: string;

  @ApiPropertyOptional({ description: 'Words in the summary or counterparty' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

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

export class SummaryQuery {
  @ApiPropertyOptional({ description: 'Calendar year; defaults to the current year' })
  @IsOptional()
  @IsQueryInt(2000, 2100)
  year?: number;
}
