import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export class CreateModelDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ enum: ['abcdx', 'rfm', 'rule'] }) @IsIn(['abcdx', 'rfm', 'rule']) kind: 'abcdx' | 'rfm' | 'rule';
  @ApiProperty({ description: 'AbcdxSpec | RfmSpec | RuleSpec (validated in depth by the service)' }) @IsObject() spec: Record<string, unknown>;
}

export class UpdateModelDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ enum: ['monthly'], nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(['monthly'])
  schedule?: 'monthly' | null;
}

export class SaveVersionDto {
  @ApiProperty() @IsObject() spec: Record<string, unknown>;
}

export class StartRunDto {
  @ApiPropertyOptional({ description: 'Version id; default the latest' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/)
  versionId?: string;
}

export class RunListQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[1-9][0-9]{0,17}$/) modelId?: string;
}

export class MembersQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) label?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ['name', 'label', 'ltv', 'monetary', 'frequency', 'recency'] })
  @IsOptional()
  @IsIn(['name', 'label', 'ltv', 'monetary', 'frequency', 'recency'])
  sort?: string;
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) dir?: 'asc' | 'desc';
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class CompareQueryDto {
  @ApiProperty() @Matches(/^[1-9][0-9]{0,17}$/) a: string;
  @ApiProperty() @Matches(/^[1-9][0-9]{0,17}$/) b: string;
}

export class RulePreviewDto {
  @ApiProperty() @IsObject() spec: Record<string, unknown>;
}

export class ProposePromotionDto {
  @ApiProperty() @Matches(/^[1-9][0-9]{0,17}$/) runId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) label: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[1-9][0-9]{0,17}$/) targetSegmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) newSegmentName?: string;
  @ApiProperty({ example: '2026-10-01' }) @IsDateString({ strict: true }) effectiveDate: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ApprovePromotionDto {
  @ApiProperty({ description: 'The CX-owner of the segment' }) @IsUUID() ownerId: string;
}
