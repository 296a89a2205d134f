import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class CreateSegmentDto {
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

  @ApiPropertyOptional({ description: 'The factor that drives this segment’s behaviour' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  behaviourFactor?: string;

  @ApiPropertyOptional({ description: 'CX-owner (a user with role cx_owner)' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

/** What a CX-owner may edit on their own segment. Owner and status have their own routes. */
export class UpdateSegmentDto {
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  behaviourFactor?: string;
}

export class AssignOwnerDto {
  @ApiProperty({ nullable: true, description: 'A cx_owner user id, or null to leave the segment without an owner' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  ownerId: string | null;
}
