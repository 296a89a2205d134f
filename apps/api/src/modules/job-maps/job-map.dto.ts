import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JOB_STEPS } from '@cxs/contracts';

const ID = /^[1-9][0-9]{0,17}$/;
/** 0–10 with at most two decimals, as a string (exact: numeric(4,2)). */
const RATING = /^(10(\.0{1,2})?|[0-9](\.[0-9]{1,2})?)$/;

export class UpdateJobMapDto {
  @ApiProperty({ nullable: true, example: 'Keep every customer conversation flowing to the right person at the lowest cost' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  mainJob: string | null;
}

export class CreateOutcomeDto {
  @ApiProperty({ enum: JOB_STEPS })
  @IsIn(JOB_STEPS)
  step: string;

  @ApiProperty({ enum: ['minimise', 'maximise'] })
  @IsIn(['minimise', 'maximise'])
  direction: 'minimise' | 'maximise';

  @ApiProperty({ example: 'the time it takes' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  metric: string;

  @ApiProperty({ example: 'to route an incoming call to the right agent' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  object: string;

  @ApiPropertyOptional({ nullable: true, example: 'during peak hours' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(300)
  context?: string | null;

  @ApiPropertyOptional({ enum: ['direct', 'computed'], description: 'direct: the values below; computed: from linked answers' })
  @IsOptional()
  @IsIn(['direct', 'computed'])
  ratingSource?: 'direct' | 'computed';

  @ApiPropertyOptional({ nullable: true, description: 'Importance 0–10 (direct), e.g. "8.5"' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(RATING, { message: 'importance must be a number from 0 to 10 with at most two decimals' })
  importance?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Satisfaction 0–10 (direct)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(RATING, { message: 'satisfaction must be a number from 0 to 10 with at most two decimals' })
  satisfaction?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'How interviewees worded this outcome (links matching answers)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  evidenceLabel?: string | null;
}

export class UpdateOutcomeDto {
  @ApiPropertyOptional({ enum: JOB_STEPS }) @IsOptional() @IsIn(JOB_STEPS) step?: string;
  @ApiPropertyOptional({ enum: ['minimise', 'maximise'] }) @IsOptional() @IsIn(['minimise', 'maximise']) direction?: 'minimise' | 'maximise';
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) metric?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) object?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) context?: string | null;
  @ApiPropertyOptional({ enum: ['direct', 'computed'] }) @IsOptional() @IsIn(['direct', 'computed']) ratingSource?: 'direct' | 'computed';
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(RATING, { message: 'importance must be a number from 0 to 10 with at most two decimals' })
  importance?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(RATING, { message: 'satisfaction must be a number from 0 to 10 with at most two decimals' })
  satisfaction?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) evidenceLabel?: string | null;
}

export class LinkEvidenceDto {
  @ApiPropertyOptional({ description: 'An interview of one of the segment’s customers; its rating of this outcome (matched by the evidence label) is linked' })
  @IsOptional()
  @Matches(ID)
  interviewId?: string;

  @ApiPropertyOptional({ description: 'A survey answer of one of the segment’s customers; its CSAT counts as satisfaction' })
  @IsOptional()
  @Matches(ID)
  surveyAnswerId?: string;
}

export class OutcomeRatingDto {
  @ApiProperty({ enum: JOB_STEPS }) @IsIn(JOB_STEPS) step: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) outcome: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) importance: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) satisfaction: number;
}

export class CreateInterviewDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  customerId?: string;

  @ApiProperty({ example: '2026-09-14' })
  @IsDateString({ strict: true })
  interviewedOn: string;

  @ApiProperty({ description: 'goals, rules, constraints, trigger_events' })
  @IsObject()
  businessContext: Record<string, string>;

  @ApiProperty({ description: 'knowledge, experience, goals, emotions' })
  @IsObject()
  peopleContext: Record<string, string>;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) triggers?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  jobs?: string[];

  @ApiPropertyOptional({ type: [OutcomeRatingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OutcomeRatingDto)
  outcomeRatings?: OutcomeRatingDto[];
}
