import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IMPORT_SOURCES, type ImportMapping, type ImportMode, type ImportSource } from '@cxs/contracts';

const MODES = ['reject_file', 'quarantine'] as const;
const ENCODINGS = ['utf-8', 'windows-1251'] as const;
const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;

/** Query of a CSV upload: the body is the file itself (text/csv or application/octet-stream), streamed to disk. */
export class UploadImportQueryDto {
  @ApiProperty({ enum: IMPORT_SOURCES })
  @IsIn(IMPORT_SOURCES, { message: `source must be one of ${IMPORT_SOURCES.join(', ')}` })
  source: ImportSource;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  fileName?: string;

  @ApiPropertyOptional({ description: 'Preset id: its mapping and format overrides replace the guesses' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'preset must be a preset id' })
  preset?: string;

  @ApiPropertyOptional({ enum: MODES })
  @IsOptional()
  @IsIn(MODES)
  mode?: ImportMode;

  @ApiPropertyOptional({ description: '"true": queue the import at once with the guessed (or preset) mapping — for integrations' })
  @IsOptional()
  @IsIn(['true', 'false'])
  start?: 'true' | 'false';
}

export class JsonImportQueryDto {
  @ApiProperty({ enum: IMPORT_SOURCES })
  @IsIn(IMPORT_SOURCES, { message: `source must be one of ${IMPORT_SOURCES.join(', ')}` })
  source: ImportSource;

  @ApiPropertyOptional({ enum: MODES })
  @IsOptional()
  @IsIn(MODES)
  mode?: ImportMode;
}

export class JsonImportDto {
  @ApiProperty({ description: 'Rows as objects keyed by field (see GET /imports/sources); dates ISO, decimals with a dot', type: [Object] })
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsObject({ each: true })
  rows: Record<string, unknown>[];
}

export class ImportFormatDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([',', ';', '\t', '|'])
  delimiter?: string;

  @ApiPropertyOptional({ enum: ENCODINGS })
  @IsOptional()
  @IsIn(ENCODINGS)
  encoding?: (typeof ENCODINGS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['.', ','])
  decimal?: '.' | ',';

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['', ',', '.', ' '])
  thousands?: '' | ',' | '.' | ' ';

  @ApiPropertyOptional({ enum: DATE_FORMATS })
  @IsOptional()
  @IsIn(DATE_FORMATS)
  dateFormat?: (typeof DATE_FORMATS)[number];
}

export class UpdateImportDto {
  @ApiPropertyOptional({ description: 'field → header in the file' })
  @IsOptional()
  @IsObject()
  mapping?: ImportMapping;

  @ApiPropertyOptional({ type: ImportFormatDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportFormatDto)
  format?: ImportFormatDto;

  @ApiPropertyOptional({ enum: MODES })
  @IsOptional()
  @IsIn(MODES)
  mode?: ImportMode;
}

export class StartImportDto {
  @ApiPropertyOptional({ enum: MODES })
  @IsOptional()
  @IsIn(MODES)
  mode?: ImportMode;
}

export class ProblemsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,7}$/)
  offset?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,4}$/)
  limit?: string;
}

export class ListImportsQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_SOURCES })
  @IsOptional()
  @IsIn(IMPORT_SOURCES)
  source?: ImportSource;
}

export class CreateImportPresetDto {
  @ApiProperty({ enum: IMPORT_SOURCES })
  @IsIn(IMPORT_SOURCES)
  source: ImportSource;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty()
  @IsObject()
  mapping: ImportMapping;

  @ApiPropertyOptional({ type: ImportFormatDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportFormatDto)
  format?: ImportFormatDto;
}

export class PresetQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_SOURCES })
  @IsOptional()
  @IsIn(IMPORT_SOURCES)
  source?: ImportSource;
}
