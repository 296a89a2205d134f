import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_LOOKBACK_MONTHS } from './features.sql.js';

export class FeatureWindowDto {
  @ApiProperty({ example: '2026-09-30' })
  @IsDateString({ strict: true })
  asOf: string;

  @ApiProperty({ example: 36 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LOOKBACK_MONTHS)
  lookbackMonths: number;
}

export class FeatureSampleQueryDto extends FeatureWindowDto {
  @ApiPropertyOptional({ default: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(5000)
  size?: number;

  @ApiPropertyOptional({ default: 42 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  seed?: number;
}
