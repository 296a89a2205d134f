import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNumberString, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

const TIERS = ['basic', 'professional', 'enterprise'] as const;

export class CreateProductDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS, { message: 'tier must be one of basic, professional, enterprise' })
  tier: (typeof TIERS)[number];

  @ApiProperty({ example: '490.00', description: 'Monthly list price, decimal string' })
  @IsNumberString({}, { message: 'price must be a decimal number, e.g. 490.00' })
  price: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumberString({}, { message: 'unitCost must be a decimal number' })
  unitCost?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Cost as a share of revenue, 0..1' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumberString({}, { message: 'costShare must be a decimal number between 0 and 1' })
  costShare?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  modules?: string[];
}

export class UpdateProductDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS)
  tier?: (typeof TIERS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumberString()
  price?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumberString()
  unitCost?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumberString()
  costShare?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  modules?: string[];
}
