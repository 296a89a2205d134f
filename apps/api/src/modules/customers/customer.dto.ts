import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CustomerQueryDto {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Search in name and external id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Industry, or "unknown" for missing' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  industry?: string;

  @ApiPropertyOptional({ enum: ['S', 'M', 'L', 'unknown'] })
  @IsOptional()
  @IsIn(['S', 'M', 'L', 'unknown'])
  sizeBand?: string;

  @ApiPropertyOptional({ enum: ['B2B', 'B2C', 'B2B2C'] })
  @IsOptional()
  @IsIn(['B2B', 'B2C', 'B2B2C'])
  businessModel?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  segmentId?: number;

  @ApiPropertyOptional({ enum: ['name', 'revenue', 'lastTransactionOn', 'employees'] })
  @IsOptional()
  @IsIn(['name', 'revenue', 'lastTransactionOn', 'employees'])
  sort?: 'name' | 'revenue' | 'lastTransactionOn' | 'employees';

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
