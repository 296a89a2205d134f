import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { JOB_STEPS } from '@cxs/contracts';

const ID = /^[1-9][0-9]{0,17}$/;

export class CreateScenarioDto {
  @ApiProperty({ example: 'Find cargo when fuel prices rise' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Initial steps, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  steps?: string[];
}

export class UpdateScenarioDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

export class ReorderDto {
  @ApiProperty({ type: [String], description: 'Every id of the list, in the new order' })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(ID, { each: true, message: 'each id must be a positive integer' })
  ids: string[];
}

export class StepDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;
}

export class AttachProductDto {
  @ApiProperty()
  @Matches(ID, { message: 'productId must be a positive integer' })
  productId: string;

  @ApiPropertyOptional({ description: 'The job the product does on this step' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ enum: JOB_STEPS, isArray: true, description: 'Job-map steps the product does the job for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(JOB_STEPS, { each: true })
  jobSteps?: string[];
}

export class ReviewAttachmentDto {
  @ApiProperty({ enum: ['proposed', 'endorsed', 'rejected'] })
  @IsIn(['proposed', 'endorsed', 'rejected'])
  status: 'proposed' | 'endorsed' | 'rejected';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reviewNote?: string;
}
