import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import {
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_OUTCOMES,
  CASE_STATUSES,
  WARNING_STATES,
  MAX_AMOUNT_FEN,
  REPORT_MESSAGE_MAX,
  REPORT_NOTE_MAX,
  type CaseAction,
  type CaseKind,
  type CaseOutcome,
  type CaseStatus,
  type WarningState,
} from '@mingbai/shared';
import { IsCalendarDate, IsQueryId, IsQueryInt } from '../../../common/validation/decorators';

/** The shortest reason accepted for revealing a reporter's identity (in characters, spaces trimmed). */
export const REVEAL_REASON_MIN = 5;
export const REVEAL_REASON_MAX = 500;
export const TRANSFER_REASON_MAX = 500;

const chars = (v: unknown): number => (typeof v === 'string' ? Array.from(v.trim()).length : 0);

/**
 * Office text (notes, replies, reasons): min..max characters once trimmed. Unlike public text it may
 * carry a phone number (an office's hotline in a reply), and it is never shown to the public.
 */
function IsOfficeText(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    IsString({ message: '$property must be text' }),
    ValidateBy({
      name: 'officeTextLength',
      validator: {
        validate: (v) => typeof v === 'string' && chars(v) >= min && Array.from(v).length <= max,
        defaultMessage: () => (min > 1 ? `$property must be ${min} to ${max} characters` : `$property must not be empty and at most ${max} characters`),
      },
    }),
    MaxLength(max * 4),
  );
}

/** A rule id as in category codes 'rule:<id>' (at most 27 characters). */
export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,26}$/;

/** The inbox's filters (also those of the exports). */
export class InboxFiltersDto {
  @ApiPropertyOptional({ enum: CASE_KINDS, description: 'Citizen reports or rule warnings; absent: both' })
  @IsOptional()
  @IsIn(CASE_KINDS)
  kind?: CaseKind;

  @ApiPropertyOptional({ example: 'rent-arrears', description: 'Warnings of one rule' })
  @IsOptional()
  @Matches(RULE_ID_PATTERN, { message: 'ruleId must be a rule id' })
  ruleId?: string;

  @ApiPropertyOptional({ enum: WARNING_STATES, description: 'Warnings whose condition still holds (open) or has cleared (resolved)' })
  @IsOptional()
  @IsIn(WARNING_STATES)
  warningState?: WarningState;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  villageId?: number;

  @ApiPropertyOptional({ example: 'false_claims' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'categoryCode must be a category code' })
  categoryCode?: string;

  @ApiPropertyOptional({ description: 'true: only overdue reports; false: only reports within their dues' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: "'me', 'none' or an inspector's user id" })
  @IsOptional()
  @Matches(/^(me|none|[1-9]\d{0,9})$/, { message: "assignee must be 'me', 'none' or a user id" })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Words to find in the report text (a warning: its summary) and its messages' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class InboxQueryDto extends InboxFiltersDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IsQueryInt(1, 50)
  limit?: number;
}

export class CaseTransitionDto {
  @ApiProperty({ enum: CASE_ACTIONS })
  @IsIn(CASE_ACTIONS)
  action: CaseAction;

  @ApiPropertyOptional({ nullable: true, description: 'Required for decline, conclude, rectification and close; the close note is the reply to the reporter' })
  @ValidateIf((o: CaseTransitionDto) => o.note !== null && o.note !== undefined)
  @IsString({ message: 'note must be text' })
  @ValidateBy({
    name: 'noteLength',
    validator: { validate: (v) => typeof v === 'string' && Array.from(v).length <= REPORT_NOTE_MAX, defaultMessage: () => `note must be at most ${REPORT_NOTE_MAX} characters` },
  })
  note?: string | null;

  @ApiPropertyOptional({ enum: CASE_OUTCOMES, nullable: true })
  @ValidateIf((o: CaseTransitionDto) => o.outcome !== null && o.outcome !== undefined)
  @IsIn(CASE_OUTCOMES)
  outcome?: CaseOutcome | null;

  @ApiPropertyOptional({ nullable: true, description: 'Conclusions: the amount recovered, in fen (0 or more)' })
  @ValidateIf((o: CaseTransitionDto) => o.amountRecoveredFen !== null && o.amountRecoveredFen !== undefined)
  @IsInt({ message: 'amountRecoveredFen must be a whole number of fen, 0 or more' })
  @Min(0, { message: 'amountRecoveredFen must be a whole number of fen, 0 or more' })
  @Max(MAX_AMOUNT_FEN, { message: `amountRecoveredFen must be at most ${MAX_AMOUNT_FEN}` })
  amountRecoveredFen?: number | null;

  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    description: 'The status the client saw (ReportDetailDto.status): when the case has moved on since, 409 CASE_CHANGED instead of acting on a case it did not see',
  })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  expectedStatus?: CaseStatus;
}

export class AssignDto {
  @ApiProperty({ nullable: true, description: 'An inspector covering the report; null to unassign' })
  @ValidateIf((o: AssignDto) => o.assigneeId !== null)
  @IsInt({ message: 'assigneeId must be a user id or null' })
  @Min(1, { message: 'assigneeId must be a user id or null' })
  assigneeId: number | null;
}

export class TransferDto {
  @ApiProperty({ description: 'The town or county region whose office takes the report over' })
  @IsInt({ message: 'officeRegionId must be a region id' })
  @Min(1, { message: 'officeRegionId must be a region id' })
  officeRegionId: number;

  @ApiProperty({ example: '涉及镇领导，移交县纪委' })
  @IsOfficeText(1, TRANSFER_REASON_MAX)
  reason: string;
}

export class OfficeReplyDto {
  @ApiProperty({ example: '您反映的问题已受理，正在核查。' })
  @IsOfficeText(1, REPORT_MESSAGE_MAX)
  text: string;
}

export class RevealDto {
  @ApiProperty({ example: '需向举报人核实具体时间地点', description: `Why the identity is needed, ${REVEAL_REASON_MIN}+ characters; logged for audit` })
  @IsOfficeText(REVEAL_REASON_MIN, REVEAL_REASON_MAX)
  reason: string;
}

export class StatsQueryDto {
  @ApiPropertyOptional({ enum: CASE_KINDS, description: 'Citizen reports or rule warnings; absent: both' })
  @IsOptional()
  @IsIn(CASE_KINDS)
  kind?: CaseKind;

  @ApiPropertyOptional({ description: 'First day (China date), default 1 January of `to`' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (China date), default today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  villageId?: number;
}

export class CaseLinkBodyDto {
  @ApiProperty({ description: 'The other case (report or warning) about the same thing' })
  @IsInt({ message: 'caseId must be a case id' })
  @Min(1, { message: 'caseId must be a case id' })
  @Max(2_147_483_647, { message: 'caseId must be a case id' })
  caseId: number;
}
