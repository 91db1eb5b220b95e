import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min, ValidateIf } from 'class-validator';
import { ASSET_KINDS, ASSET_USAGES, REGISTER_LIMITS, type AssetKind, type AssetUsage } from '@mingbai/shared';
import { IsCalendarDate, IsPublicText } from '../../../common/validation/decorators';

/** The shape of an asset; the rules of a complete record are shared (validateAssetInput). */
export class CreateAssetDto {
  @ApiPropertyOptional({ description: "The bookkeeper's own village (the default)" })
  @IsOptional()
  @IsInt({ message: 'villageId must be a positive whole number' })
  @Min(1, { message: 'villageId must be a positive whole number' })
  villageId?: number;

  @ApiProperty({ example: 'ZC-001', maxLength: REGISTER_LIMITS.codeMax, description: '资产编号, unique within the village' })
  @IsPublicText(REGISTER_LIMITS.codeMax)
  code: string;

  @ApiProperty({ example: '村部办公楼' })
  @IsPublicText(REGISTER_LIMITS.nameMax)
  name: string;

  @ApiProperty({ enum: ASSET_KINDS })
  @IsIn(ASSET_KINDS)
  kind: AssetKind;

  @ApiProperty({ example: '上坂村一组' })
  @IsPublicText(REGISTER_LIMITS.locationMax)
  location: string;

  @ApiPropertyOptional({ nullable: true, description: 'Whole square metres' })
  @ValidateIf((o: CreateAssetDto) => o.areaM2 !== null && o.areaM2 !== undefined)
  @IsInt({ message: 'areaM2 must be a whole number of square metres' })
  areaM2?: number | null;

  @ApiProperty({ example: 120000000, description: 'Book value in integer fen, 0 or more' })
  @IsInt({ message: 'bookValueFen must be a whole number of fen' })
  bookValueFen: number;

  @ApiProperty({ enum: ASSET_USAGES })
  @IsIn(ASSET_USAGES)
  usage: AssetUsage;

  @ApiPropertyOptional({ nullable: true, example: '2010-05-01' })
  @ValidateIf((o: CreateAssetDto) => o.acquiredOn !== null && o.acquiredOn !== undefined)
  @IsCalendarDate()
  acquiredOn?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Empty means none' })
  @ValidateIf((o: CreateAssetDto) => o.note !== null && o.note !== undefined && o.note !== '')
  @IsPublicText(REGISTER_LIMITS.noteMax)
  note?: string | null;
}

export class UpdateAssetDto extends PartialType(OmitType(CreateAssetDto, ['villageId'] as const)) {}
