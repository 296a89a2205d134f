import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumberString, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { INITIATIVE_STATUSES, VALUE_STREAM_STAGES } from '@cxs/contracts';

const ID = /^[1-9][0-9]{0,17}$/;

export class CreateInitiativeDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: VALUE_STREAM_STAGES })
  @IsIn(VALUE_STREAM_STAGES)
  stage: string;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ nullable: true, description: 'A user responsible for the initiative' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '120000.00' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumberString({}, { message: 'cost must be a decimal number, e.g. 120000.00' })
  cost?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  expectedEffect?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID) scenarioId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID) outcomeId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID) productId?: string | null;
}

export class UpdateInitiativeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) title?: string;
  @ApiPropertyOptional({ enum: VALUE_STREAM_STAGES }) @IsOptional() @IsIn(VALUE_STREAM_STAGES) stage?: string;
  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES }) @IsOptional() @IsIn(INITIATIVE_STATUSES) status?: string;
  @ApiPropertyOptional({ description: 'Position within its stage column' }) @IsOptional() @IsInt() @Min(0) position?: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() ownerId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsNumberString() cost?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) expectedEffect?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID) scenarioId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID) outcomeId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID) productId?: string | null;
}

/** A stage column after a drag and drop: every initiative it now holds, in order (one may have come from another stage). */
export class OrderStageDto {
  @ApiProperty({ enum: VALUE_STREAM_STAGES })
  @IsIn(VALUE_STREAM_STAGES)
  stage: string;

  @ApiProperty({ type: [String], description: 'Every initiative of the column, in the new order' })
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(ID, { each: true, message: 'each id must be a positive integer' })
  ids: string[];
}
