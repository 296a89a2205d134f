import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested, IsDateString, IsIn, IsInt, IsNumberString, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONEY = /^-?\d{1,12}(\.\d{1,2})?$/;

export class PeriodQueryDto {
  @ApiPropertyOptional({ description: 'First month, YYYY-MM' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last month (inclusive), YYYY-MM' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: ['month', 'quarter', 'year'], description: 'A calendar period containing `at` (fiscal quarters/years)' })
  @IsOptional()
  @IsIn(['month', 'quarter', 'year'])
  period?: 'month' | 'quarter' | 'year';

  @ApiPropertyOptional({ description: 'A month inside the wanted period, YYYY-MM' })
  @IsOptional()
  @Matches(MONTH, { message: 'at must be YYYY-MM' })
  at?: string;
}

export class DrillQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ description: 'Only this customer' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'customerId must be an id' })
  customerId?: string;

  @ApiPropertyOptional({ enum: ['revenue', 'margin'] })
  @IsOptional()
  @IsIn(['revenue', 'margin'])
  sort?: 'revenue' | 'margin';

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ExportQueryDto extends DrillQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ description: 'Segment id (0 = unsegmented) for segment tables' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'segmentId must be an id' })
  segmentId?: string;

  @ApiPropertyOptional({ description: 'Migration since this date' })
  @IsOptional()
  @IsDateString({ strict: true })
  since?: string;
}

export class MigrationQueryDto {
  @ApiProperty({ description: 'Moves on or after this date (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  since: string;
}

export class PlanQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'segmentId must be an id' })
  segmentId?: string;

  @ApiPropertyOptional({ enum: ['proposed', 'approved'] })
  @IsOptional()
  @IsIn(['proposed', 'approved'])
  status?: 'proposed' | 'approved';
}

export class ApprovePlanDto {
  @ApiPropertyOptional({ description: 'Changed revenue target, decimal string (needs a comment)' })
  @IsOptional()
  @Matches(MONEY, { message: 'revenueTarget must be a decimal amount' })
  revenueTarget?: string;

  @ApiPropertyOptional({ description: 'Changed gross margin target, decimal string (needs a comment)' })
  @IsOptional()
  @Matches(MONEY, { message: 'marginTarget must be a decimal amount' })
  marginTarget?: string;

  @ApiPropertyOptional({ description: 'Changed customers target (needs a comment)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  customersTarget?: number;

  @ApiPropertyOptional({ description: "The director's comment; required when a target changes" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class TopCustomersQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CreatePlanDto {
  @ApiProperty()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'segmentId must be an id' })
  segmentId: string;

  @ApiProperty({ enum: ['month', 'quarter', 'year'] })
  @IsIn(['month', 'quarter', 'year'])
  periodKind: 'month' | 'quarter' | 'year';

  @ApiProperty({ description: 'First month of the period, YYYY-MM' })
  @Matches(MONTH, { message: 'periodStart must be YYYY-MM' })
  periodStart: string;

  @ApiProperty({ description: 'Decimal string' })
  @Matches(MONEY, { message: 'revenueTarget must be a decimal amount' })
  revenueTarget: string;

  @ApiProperty({ description: 'Gross margin target, decimal string' })
  @Matches(MONEY, { message: 'marginTarget must be a decimal amount' })
  marginTarget: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  customersTarget: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdatePlanDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(MONEY, { message: 'revenueTarget must be a decimal amount' })
  revenueTarget?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(MONEY, { message: 'marginTarget must be a decimal amount' })
  marginTarget?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  customersTarget?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ description: 'ISO 4217 code' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO code' })
  currency?: string;

  @ApiPropertyOptional({ description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  fiscalYearStartMonth?: number;
}

export class SupportCostItemDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-z0-9_-]{1,32}$/, { message: 'supportLevel must be 1–32 lowercase letters, digits, - or _' })
  supportLevel: string;

  @ApiProperty({ description: 'Monthly cost per active customer, decimal string' })
  @IsNumberString({ no_symbols: false })
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: 'monthlyCost must be a non-negative amount' })
  monthlyCost: string;
}

export class UpdateSupportCostsDto {
  @ApiProperty({ type: [SupportCostItemDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SupportCostItemDto)
  items: SupportCostItemDto[];
}
