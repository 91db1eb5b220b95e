import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import {
  normalizeReceiptCode,
  REPORT_MESSAGE_MAX,
  REPORT_PHOTOS_MAX,
  REPORT_SUBJECT_TYPES,
  REPORT_TEXT_MAX,
  REPORTER_NAME_MAX,
  type ReportSubjectType,
} from '@mingbai/shared';
import { CATEGORY_CODE_PATTERN } from './report-category.dto';

/** A villager's text: 1..max characters (code points), not only spaces. Personal numbers are allowed here: only inspectors read it. */
function IsReportText(max: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(/\S/, { message: '$property must not be empty' }),
    ValidateBy({
      name: 'maxChars',
      validator: { validate: (v) => typeof v === 'string' && Array.from(v).length <= max, defaultMessage: () => `$property must be at most ${max} characters` },
    }),
    MaxLength(max * 4),
  );
}

/** Upload ids from POST /api/report-uploads. */
function IsPhotoIds(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(REPORT_PHOTOS_MAX, { message: `photoIds must list at most ${REPORT_PHOTOS_MAX} photos` }),
    Matches(/^[A-Za-z0-9_-]{43}$/, { each: true, message: 'photoIds must be ids from /api/report-uploads' }),
  );
}

/** A receipt code as typed (spaces and dashes allowed), turned into its 16 digits. */
function IsReceiptCode(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? (normalizeReceiptCode(value) ?? value) : value)),
    Matches(/^\d{16}$/, { message: 'receiptCode must be the 16 digits of a receipt code' }),
  );
}

export class CreateReportBody {
  @ApiProperty({ example: 6 })
  @IsInt({ message: 'villageId must be a positive whole number' })
  @Min(1, { message: 'villageId must be a positive whole number' })
  villageId: number;

  @ApiProperty({ example: 'misappropriation' })
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be the code of a report category' })
  categoryCode: string;

  @ApiProperty({ maxLength: REPORT_TEXT_MAX })
  @IsReportText(REPORT_TEXT_MAX)
  text: string;

  @ApiProperty({ enum: REPORT_SUBJECT_TYPES })
  @IsIn(REPORT_SUBJECT_TYPES)
  subjectType: ReportSubjectType;

  @ApiPropertyOptional({
    nullable: true,
    description: "A published entry, or an approved asset or contract, of the village; absent or the village id for 'village'",
  })
  @ValidateIf((o: CreateReportBody) => o.subjectId !== null && o.subjectId !== undefined)
  @IsInt({ message: 'subjectId must be a positive whole number' })
  @Min(1, { message: 'subjectId must be a positive whole number' })
  subjectId?: number | null;

  @ApiPropertyOptional({ type: [String], maxItems: REPORT_PHOTOS_MAX })
  @IsPhotoIds()
  photoIds?: string[];

  @ApiProperty({ description: 'Named reports need a villager token (WeChat sign-in)' })
  @IsBoolean()
  anonymous: boolean;

  @ApiPropertyOptional({ nullable: true, maxLength: REPORTER_NAME_MAX })
  @ValidateIf((o: CreateReportBody) => o.reporterName !== null && o.reporterName !== undefined)
  @IsReportText(REPORTER_NAME_MAX)
  reporterName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '13800138000' })
  @ValidateIf((o: CreateReportBody) => o.reporterPhone !== null && o.reporterPhone !== undefined)
  @Matches(/^\+?\d[\d -]{4,18}\d$/, { message: 'reporterPhone must be a phone number (digits, spaces, dashes, an optional leading +)' })
  reporterPhone?: string | null;
}

export class ReceiptLookupBody {
  @ApiProperty({ example: '1234 5678 1234 5678' })
  @IsReceiptCode()
  receiptCode: string;
}

export class FollowUpBody {
  @ApiProperty({ maxLength: REPORT_MESSAGE_MAX })
  @IsReportText(REPORT_MESSAGE_MAX)
  text: string;

  @ApiPropertyOptional({ type: [String], maxItems: REPORT_PHOTOS_MAX })
  @IsPhotoIds()
  photoIds?: string[];
}

export class ReceiptFollowUpBody extends FollowUpBody {
  @ApiProperty({ example: '1234 5678 1234 5678' })
  @IsReceiptCode()
  receiptCode: string;
}

export class SubscriptionBody {
  @ApiProperty({ minimum: 0, maximum: 10, description: 'How many subscribe-message templates the villager accepted' })
  @IsInt({ message: 'accepted must be a whole number from 0 to 10' })
  @Min(0, { message: 'accepted must be a whole number from 0 to 10' })
  @Max(10, { message: 'accepted must be a whole number from 0 to 10' })
  accepted: number;
}

export class ReportFileQuery {
  @ApiProperty({ description: 'Expiry of the signed URL, unix seconds' })
  @Matches(/^\d{1,12}$/, { message: 'exp must be the expiry of a signed link' })
  exp: string;

  @ApiProperty()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'sig must be the signature of a signed link' })
  sig: string;
}
