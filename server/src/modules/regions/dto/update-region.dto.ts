import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MAX_AMOUNT_FEN } from '@mingbai/shared';
import { IsAmountFen, IsCalendarDate } from '../../../common/validation/decorators';

/** Ranges of the per-region supervision settings (the same as the REPORT_SLA_* variables). */
export const SLA_LIMITS = {
  acceptWorkingDays: { min: 1, max: 60 },
  concludeDays: { min: 1, max: 365 },
} as const;

const SLA_MESSAGES = {
  acceptWorkingDays: `$property must be a whole number from ${SLA_LIMITS.acceptWorkingDays.min} to ${SLA_LIMITS.acceptWorkingDays.max}, or null`,
  concludeDays: `$property must be a whole number from ${SLA_LIMITS.concludeDays.min} to ${SLA_LIMITS.concludeDays.max}, or null`,
};

export class UpdateRegionDto {
  @ApiPropertyOptional({ description: 'Villages: opening balance in fen (may be negative)' })
  @IsOptional()
  @IsInt()
  @Min(-MAX_AMOUNT_FEN)
  @Max(MAX_AMOUNT_FEN)
  openingBalanceFen?: number;

  @ApiPropertyOptional({ description: 'Villages: the date the ledger starts, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  ledgerStart?: string;

  @ApiPropertyOptional({ description: 'Towns: amount in fen from which a second approval by the town agent is needed; null for one approval', nullable: true })
  @ValidateIf((o: UpdateRegionDto) => o.secondApprovalThresholdFen !== null && o.secondApprovalThresholdFen !== undefined)
  @IsAmountFen()
  secondApprovalThresholdFen?: number | null;

  @ApiPropertyOptional({ description: 'Show approvers names in the public approval trail' })
  @IsOptional()
  @IsBoolean()
  showStaffNames?: boolean;

  @ApiPropertyOptional({
    description: `Offices (town, county, city): working days (Mon–Fri) to accept or decline a report, ${SLA_LIMITS.acceptWorkingDays.min}–${SLA_LIMITS.acceptWorkingDays.max}; null inherits from the nearest ancestor (else the installation default)`,
    nullable: true,
  })
  @ValidateIf((o: UpdateRegionDto) => o.slaAcceptWorkingDays !== null && o.slaAcceptWorkingDays !== undefined)
  @IsInt({ message: SLA_MESSAGES.acceptWorkingDays })
  @Min(SLA_LIMITS.acceptWorkingDays.min, { message: SLA_MESSAGES.acceptWorkingDays })
  @Max(SLA_LIMITS.acceptWorkingDays.max, { message: SLA_MESSAGES.acceptWorkingDays })
  slaAcceptWorkingDays?: number | null;

  @ApiPropertyOptional({
    description: `Offices (town, county, city): calendar days from submission to conclusion, ${SLA_LIMITS.concludeDays.min}–${SLA_LIMITS.concludeDays.max}; null inherits`,
    nullable: true,
  })
  @ValidateIf((o: UpdateRegionDto) => o.slaConcludeDays !== null && o.slaConcludeDays !== undefined)
  @IsInt({ message: SLA_MESSAGES.concludeDays })
  @Min(SLA_LIMITS.concludeDays.min, { message: SLA_MESSAGES.concludeDays })
  @Max(SLA_LIMITS.concludeDays.max, { message: SLA_MESSAGES.concludeDays })
  slaConcludeDays?: number | null;

  @ApiPropertyOptional({
    description: 'Reports about an entry (or contract) of at least this amount in fen go to the county office; null inherits (no ancestor set: never by amount)',
    nullable: true,
  })
  @ValidateIf((o: UpdateRegionDto) => o.reportEscalateAmountFen !== null && o.reportEscalateAmountFen !== undefined)
  @IsAmountFen()
  reportEscalateAmountFen?: number | null;
}
