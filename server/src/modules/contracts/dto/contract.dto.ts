import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  AWARD_METHODS,
  CONTRACT_FREQUENCIES,
  CONTRACT_KINDS,
  COUNTERPARTY_KINDS,
  ENTRY_LIMITS,
  REGISTER_LIMITS,
  type AwardMethod,
  type ContractFrequency,
  type ContractKind,
  type CounterpartyKind,
} from '@mingbai/shared';
import { IsAmountFen, IsCalendarDate, IsPublicText } from '../../../common/validation/decorators';

export class InstallmentInputDto {
  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({ example: 600000 })
  @IsAmountFen()
  amountFen: number;

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsCalendarDate()
  periodEnd: string;
}

const nullable = (field: string) => (o: Record<string, unknown>) => o[field] !== null && o[field] !== undefined;

/** The shape of a contract; the rules of a complete one are shared (validateContractInput). */
export class CreateContractDto {
  @ApiPropertyOptional({ description: "The bookkeeper's own village (the default)" })
  @IsOptional()
  @IsInt({ message: 'villageId must be a positive whole number' })
  @Min(1, { message: 'villageId must be a positive whole number' })
  villageId?: number;

  @ApiPropertyOptional({ nullable: true, description: 'An approved asset of the same village' })
  @ValidateIf(nullable('assetId'))
  @IsInt({ message: 'assetId must be a positive whole number' })
  @Min(1, { message: 'assetId must be a positive whole number' })
  assetId?: number | null;

  @ApiProperty({ example: 'HT-2025-01', description: '合同编号, unique within the village' })
  @IsPublicText(REGISTER_LIMITS.codeMax)
  code: string;

  @ApiProperty({ enum: CONTRACT_KINDS })
  @IsIn(CONTRACT_KINDS)
  kind: ContractKind;

  @ApiProperty({ enum: COUNTERPARTY_KINDS })
  @IsIn(COUNTERPARTY_KINDS)
  counterpartyKind: CounterpartyKind;

  @ApiProperty({ example: '张小三' })
  @IsPublicText(ENTRY_LIMITS.counterpartyNameMax)
  counterpartyName: string;

  @ApiPropertyOptional({ nullable: true, description: "A person's resident ID number; only its keyed hash is stored" })
  @ValidateIf(nullable('counterpartyIdNumber'))
  @IsString()
  @MaxLength(40)
  counterpartyIdNumber?: string | null;

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDate()
  startOn: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsCalendarDate()
  endOn: string;

  @ApiProperty({ enum: CONTRACT_FREQUENCIES })
  @IsIn(CONTRACT_FREQUENCIES)
  frequency: ContractFrequency;

  @ApiPropertyOptional({ nullable: true, description: 'Required unless frequency is custom (integer fen)' })
  @ValidateIf(nullable('annualRentFen'))
  @IsAmountFen()
  annualRentFen?: number | null;

  @ApiPropertyOptional({ type: [InstallmentInputDto], description: 'Only when frequency is custom' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REGISTER_LIMITS.installmentsMax)
  @ValidateNested({ each: true })
  @Type(() => InstallmentInputDto)
  installments?: InstallmentInputDto[];

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt({ message: 'depositFen must be a whole number of fen' })
  depositFen?: number;

  @ApiPropertyOptional({ nullable: true, description: "Whole m² let (defaults to the asset's)" })
  @ValidateIf(nullable('areaM2'))
  @IsInt({ message: 'areaM2 must be a whole number of square metres' })
  areaM2?: number | null;

  @ApiProperty({ enum: AWARD_METHODS })
  @IsIn(AWARD_METHODS)
  awardMethod: AwardMethod;

  @ApiPropertyOptional({ nullable: true, description: 'Empty means none' })
  @ValidateIf((o: Record<string, unknown>) => nullable('note')(o) && o.note !== '')
  @IsPublicText(REGISTER_LIMITS.noteMax)
  note?: string | null;

  @ApiPropertyOptional({ type: [Number], description: 'Uploaded scans of the contract (never public)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENTRY_LIMITS.attachmentsMax)
  @IsInt({ each: true })
  @Min(1, { each: true })
  attachmentIds?: number[];
}

export class UpdateContractDto extends PartialType(OmitType(CreateContractDto, ['villageId'] as const)) {}

export class TerminateContractDto {
  @ApiProperty({ example: '2025-12-31', description: 'The last day the contract is in force' })
  @IsCalendarDate()
  terminatedOn: string;

  @ApiProperty({ example: '承租方申请提前退租' })
  @IsPublicText(REGISTER_LIMITS.reasonMax)
  reason: string;
}

export class AllocationDto {
  @ApiProperty()
  @IsInt({ message: 'installmentId must be a positive whole number' })
  @Min(1, { message: 'installmentId must be a positive whole number' })
  installmentId: number;

  @ApiProperty()
  @IsAmountFen()
  amountFen: number;
}

export class RentReceiptInputDto {
  @ApiProperty({ description: 'A published income entry of the same village' })
  @IsInt({ message: 'entryId must be a positive whole number' })
  @Min(1, { message: 'entryId must be a positive whole number' })
  entryId: number;

  @ApiPropertyOptional({ type: [AllocationDto], description: 'Absent: the oldest unpaid installments first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REGISTER_LIMITS.installmentsMax)
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];
}

export class ContractAttachmentsDto {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(ENTRY_LIMITS.attachmentsMax)
  @IsInt({ each: true })
  @Min(1, { each: true })
  attachmentIds: number[];
}
