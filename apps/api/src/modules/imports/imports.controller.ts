import { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import type { Request, Response } from 'express';
import { CurrentAbility, CurrentUser, type AuthedRequest, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ApiException } from '../../common/api-exception.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { Language, localise, type Lang } from '../../common/messages.js';
import {
  CreateImportPresetDto,
  JsonImportDto,
  JsonImportQueryDto,
  ListImportsQueryDto,
  PresetQueryDto,
  ProblemsQueryDto,
  StartImportDto,
  UpdateImportDto,
  UploadImportQueryDto,
} from './import.dto.js';
import { ImportsService, type Actor } from './imports.service.js';

function actorOf(req: AuthedRequest): Actor {
  return req.apiTokenId ? { userId: null, apiTokenId: req.apiTokenId } : { userId: req.user!.id, apiTokenId: null };
}

async function sendCsv(res: Response, name: string, rows: AsyncGenerator<string>): Promise<void> {
  // The first chunk runs the authorisation checks before any header goes out.
  const first = await rows.next();
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${name}"`);
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  Readable.from(all()).pipe(res);
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('sources')
  @Authorize('read', 'Import')
  sources() {
    return this.imports.sources();
  }

  @Get()
  @Authorize('read', 'Import')
  async list(@Query() q: ListImportsQueryDto, @Language() lang: Lang) {
    return { items: (await this.imports.list(q.source)).map((i) => ({ ...i, error: localise(i.error, lang) })) };
  }

  /** The body is the CSV file itself (Content-Type text/csv or application/octet-stream), streamed to disk. */
  @Post()
  @Authorize('create', 'Import')
  @ApiConsumes('text/csv', 'application/octet-stream')
  upload(@Query() q: UploadImportQueryDto, @Req() req: AuthedRequest & Request) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type === 'application/json' || type === 'application/x-www-form-urlencoded') {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the body (text/csv); JSON rows go to POST /api/imports/json');
    }
    return this.imports.uploadStream(req, q, actorOf(req));
  }

  @Post('json')
  @Authorize('create', 'Import')
  uploadJson(@Query() q: JsonImportQueryDto, @Body() dto: JsonImportDto, @Req() req: AuthedRequest) {
    return this.imports.uploadJson(dto, q, actorOf(req));
  }

  @Get('presets')
  @Authorize('read', 'Import')
  async presets(@Query() q: PresetQueryDto) {
    return { items: await this.imports.presets(q.source) };
  }

  @Post('presets')
  @Authorize('create', 'Import')
  createPreset(@Body() dto: CreateImportPresetDto, @CurrentUser() me: RequestUser) {
    return this.imports.createPreset(dto, me.id);
  }

  @Delete('presets/:id')
  @HttpCode(204)
  @Authorize('delete', 'Import')
  async deletePreset(@Param('id', ParseIdPipe) id: string, @CurrentUser() me: RequestUser) {
    await this.imports.deletePreset(id, me.id);
  }

  @Get(':id')
  @Authorize('read', 'Import')
  async get(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @Language() lang: Lang) {
    const imp = await this.imports.get(ability, id);
    return { ...imp, error: localise(imp.error, lang) };
  }

  @Patch(':id')
  @Authorize('update', 'Import')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateImportDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.imports.update(ability, id, dto, me.id);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @Authorize('update', 'Import')
  validate(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.imports.queueRun(ability, id, true, undefined, me.id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Authorize('update', 'Import')
  start(@Param('id', ParseIdPipe) id: string, @Body() dto: StartImportDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.imports.queueRun(ability, id, false, dto.mode, me.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authorize('update', 'Import')
  cancel(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.imports.cancel(ability, id, me.id);
  }

  @Post(':id/undo')
  @HttpCode(200)
  @Authorize('delete', 'Import')
  undo(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.imports.undo(ability, id, me.id);
  }

  @Get(':id/problems')
  @Authorize('read', 'Import')
  async problems(@Param('id', ParseIdPipe) id: string, @Query() q: ProblemsQueryDto, @CurrentAbility() ability: AppAbility, @Language() lang: Lang) {
    // Reasons are stored in English with their stable code; each reads in the reader's language (ADR 0011).
    const page = await this.imports.problems(ability, id, Number(q.offset ?? 0), Number(q.limit ?? 100));
    return { ...page, items: page.items.map((p) => ({ ...p, reason: localise(p.reason, lang) })) };
  }

  @Get(':id/report.csv')
  @Authorize('read', 'Import')
  async report(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @Res() res: Response, @Language() lang: Lang) {
    // A link download sends the browser's language, so the admin adds ?lang= with the UI's (ADR 0011).
    await sendCsv(res, `import-${id}-report.csv`, this.imports.reportCsv(ability, id, lang));
  }

  /** Quarantined rows with their problems, for fixing them in the admin and importing them again. */
  @Get(':id/quarantine')
  @Authorize('read', 'Import')
  async quarantineRows(@Param('id', ParseIdPipe) id: string, @Query() q: ProblemsQueryDto, @CurrentAbility() ability: AppAbility, @Language() lang: Lang) {
    const page = await this.imports.quarantineRows(ability, id, Number(q.offset ?? 0), Number(q.limit ?? 100));
    return { ...page, items: page.items.map((r) => ({ ...r, problems: r.problems.map((p) => ({ ...p, reason: localise(p.reason, lang) })) })) };
  }

  @Get(':id/quarantine.csv')
  @Authorize('read', 'Import')
  async quarantine(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @Res() res: Response) {
    await sendCsv(res, `import-${id}-quarantine.csv`, this.imports.quarantineCsv(ability, id));
  }
}
