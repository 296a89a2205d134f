import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const ID = /^[1-9][0-9]{0,17}$/;

export class MergeSegmentsDto {
  @ApiProperty({ type: [String], description: 'Two or more segment ids to merge' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @Matches(ID, { each: true, message: 'each segment id must be a positive integer' })
  segmentIds: string[];

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'CX-owner of the merged segment' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Merge date (YYYY-MM-DD), today or later; default today' })
  @IsOptional()
  @IsDateString({ strict: true })
  date?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Which merged segment’s card (description, behaviour factor, card fields, main job) the merged segment starts with; default the first of segmentIds; null = an empty card' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID, { message: 'cardFrom must be a positive integer (one of segmentIds)' })
  cardFrom?: string | null;

  @ApiPropertyOptional({ description: 'Copy the scenarios with their steps and product attachments (default true)' })
  @IsOptional()
  @IsBoolean()
  carryScenarios?: boolean;

  @ApiPropertyOptional({ description: 'Copy the job-map outcomes with their linked evidence (default true)' })
  @IsOptional()
  @IsBoolean()
  carryJobMap?: boolean;

  @ApiPropertyOptional({ description: 'Copy the value-stream initiatives that are not done (default true)' })
  @IsOptional()
  @IsBoolean()
  carryBoard?: boolean;
}

export class SplitRuleDto {
  @ApiProperty({ enum: ['industry', 'sizeBand', 'businessModel', 'region'] })
  @IsIn(['industry', 'sizeBand', 'businessModel', 'region'])
  field: 'industry' | 'sizeBand' | 'businessModel' | 'region';

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  values: string[];
}

export class SplitSegmentDto {
  @ApiProperty({ type: SplitRuleDto, description: 'Members matching the rule go to the first new segment, the rest to the second' })
  @ValidateNested()
  @Type(() => SplitRuleDto)
  rule: SplitRuleDto;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  matchingName: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  restName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  date?: string;
}

export class CreateProposalDto {
  @ApiProperty({ enum: ['archive', 'merge', 'split'] })
  @IsIn(['archive', 'merge', 'split'])
  kind: 'archive' | 'merge' | 'split';

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;

  @ApiPropertyOptional({ description: 'merge: { otherSegmentId, name }; split: { rule, matchingName, restName }' })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

export class DecideProposalDto {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ProposalQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['open', 'approved', 'rejected'])
  status?: 'open' | 'approved' | 'rejected';

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  segmentId?: string;
}
