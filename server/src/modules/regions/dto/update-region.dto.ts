import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MAX_AMOUNT_FEN } from '@mingbai/shared';
import { IsAmountFen, IsCalendarDate } from '../../../common/validation/decorators';

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
}
