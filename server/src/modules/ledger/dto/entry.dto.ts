import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { COUNTERPARTY_KINDS, DIRECTIONS, ENTRY_LIMITS, ENTRY_STATUSES, PAYMENT_METHODS } from '@mingbai/shared';
import type { CounterpartyKind, Direction, EntryStatus, PaymentMethod } from '@mingbai/shared';
import { IsAmountFen, IsCalendarDate, IsPublicText, IsQueryId, IsQueryInt } from '../../../common/validation/decorators';

export class CreateEntryDto {
  @ApiProperty({ enum: DIRECTIONS })
  @IsIn(DIRECTIONS)
  direction: Direction;

  @ApiProperty({ example: '501', description: 'Account code of the village chart of accounts' })
  @Matches(/^\d{3,10}$/, { message: 'subjectCode must be an account code of 3-10 digits' })
  subjectCode: string;

  @ApiProperty({ example: 1250000, description: 'Amount in integer fen (1 yuan = 100 fen), > 0 and ≤ 10^12' })
  @IsAmountFen()
  amountFen: number;

  @ApiProperty({ example: '2026-03-05' })
  @IsCalendarDate()
  occurredOn: string;

  @ApiProperty({ example: '张小三' })
  @IsPublicText(ENTRY_LIMITS.counterpartyNameMax)
  counterpartyName: string;

  @ApiProperty({ enum: COUNTERPARTY_KINDS })
  @IsIn(COUNTERPARTY_KINDS)
  counterpartyKind: CounterpartyKind;

  @ApiProperty({ example: '2026年鱼塘承包费' })
  @IsPublicText(ENTRY_LIMITS.summaryMax)
  summary: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  paymentMethod: PaymentMethod;

  @ApiPropertyOptional({ example: '记-2026-031', nullable: true })
  @ValidateIf((o: CreateEntryDto) => o.voucherNo !== null && o.voucherNo !== undefined)
  @IsPublicText(ENTRY_LIMITS.voucherNoMax)
  voucherNo?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      "A person payee's resident ID number, for the supervision rules; only its keyed hash is stored and it is never shown. Null clears it.",
  })
  @ValidateIf((o: CreateEntryDto) => o.counterpartyIdNumber !== null && o.counterpartyIdNumber !== undefined)
  @IsString()
  @MaxLength(40)
  counterpartyIdNumber?: string | null;

  @ApiPropertyOptional({ type: [Number], description: 'Uploaded voucher attachments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENTRY_LIMITS.attachmentsMax)
  @IsInt({ each: true })
  @Min(1, { each: true })
  attachmentIds?: number[];
}

export class UpdateEntryDto extends PartialType(CreateEntryDto) {}

export class ReasonDto {
  @ApiProperty({ example: '凭证金额与摘要不符' })
  @IsPublicText(ENTRY_LIMITS.reasonMax)
  reason: string;
}

export class StaffEntryQuery {
  @ApiPropertyOptional({ enum: ENTRY_STATUSES })
  @IsOptional()
  @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  villageId?: number;

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
