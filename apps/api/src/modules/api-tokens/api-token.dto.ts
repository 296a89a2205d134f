import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiTokenDto {
  @ApiProperty({ description: 'What the token is for, e.g. "Billing nightly export"' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}
