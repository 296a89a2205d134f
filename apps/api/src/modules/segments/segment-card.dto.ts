import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';

export class EvidenceRefDto {
  @ApiProperty({ enum: ['interview', 'survey', 'metric'] })
  @IsIn(['interview', 'survey', 'metric'])
  kind: 'interview' | 'survey' | 'metric';

  @ApiProperty({ description: 'Interview or survey-answer id; for a metric, its name' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ref: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1000)
  note: string;
}

export class CardEntryDto {
  @ApiProperty()
  @IsString()
  @MaxLength(5000)
  text: string;

  @ApiProperty({ type: [EvidenceRefDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence: EvidenceRefDto[];
}

export class CardFieldsDto {
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) needs?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) pains?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) contextOfUse?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) successCriteria?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) barriers?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) valueDrivers?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) typicalCases?: CardEntryDto;
  @ApiPropertyOptional({ type: CardEntryDto }) @IsOptional() @ValidateNested() @Type(() => CardEntryDto) churnRisks?: CardEntryDto;
}

export class GrowthPotentialDto {
  @ApiProperty({ enum: ['low', 'medium', 'high'], nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsIn(['low', 'medium', 'high'])
  level: 'low' | 'medium' | 'high' | null;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ type: [EvidenceRefDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence: EvidenceRefDto[];
}

/** A partial card: only the parts sent change. */
export class UpdateSegmentCardDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  behaviourFactor?: string | null;

  @ApiPropertyOptional({ type: [EvidenceRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  behaviourFactorEvidence?: EvidenceRefDto[];

  @ApiPropertyOptional({ type: CardFieldsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CardFieldsDto)
  fields?: CardFieldsDto;

  @ApiPropertyOptional({ type: GrowthPotentialDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GrowthPotentialDto)
  growthPotential?: GrowthPotentialDto;
}
