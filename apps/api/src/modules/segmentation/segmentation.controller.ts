import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { Language, localise, type Lang } from '../../common/messages.js';
import { PromotionsService } from './promotions.service.js';
import {
  ApprovePromotionDto,
  CompareQueryDto,
  CreateModelDto,
  MembersQueryDto,
  ProposePromotionDto,
  RulePreviewDto,
  RunListQueryDto,
  SaveVersionDto,
  StartRunDto,
  UpdateModelDto,
} from './segmentation.dto.js';
import { SegmentationService } from './segmentation.service.js';

@ApiTags('segmentation')
@Controller('segmentation')
export class SegmentationController {
  constructor(
    private readonly seg: SegmentationService,
    private readonly promotions: PromotionsService,
  ) {}

  @Get('models')
  @Authorize('read', 'Model')
  listModels() {
    return this.seg.listModels();
  }

  @Post('models')
  @Authorize('create', 'Model')
  createModel(@Body() dto: CreateModelDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.createModel(ability, dto, me.id);
  }

  @Get('models/:id')
  @Authorize('read', 'Model')
  getModel(@Param('id', ParseIdPipe) id: string) {
    return this.seg.getModel(id);
  }

  @Patch('models/:id')
  @Authorize('update', 'Model')
  updateModel(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateModelDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.updateModel(ability, id, dto, me.id);
  }

  @Get('models/:id/versions')
  @Authorize('read', 'Model')
  versions(@Param('id', ParseIdPipe) id: string) {
    return this.seg.versions(id);
  }

  @Post('models/:id/versions')
  @Authorize('update', 'Model')
  saveVersion(@Param('id', ParseIdPipe) id: string, @Body() dto: SaveVersionDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.saveVersion(ability, id, dto.spec, me.id);
  }

  @Post('models/:id/archive')
  @HttpCode(200)
  @Authorize('archive', 'Model')
  archiveModel(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.archiveModel(ability, id, me.id);
  }

  @Post('models/:id/runs')
  @Authorize('create', 'Run')
  startRun(@Param('id', ParseIdPipe) id: string, @Body() dto: StartRunDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.startRun(ability, id, dto.versionId, me.id);
  }

  @Post('rules/preview')
  @HttpCode(200)
  @Authorize('read', 'Model')
  previewRules(@Body() dto: RulePreviewDto) {
    return this.seg.previewRules(dto.spec);
  }

  @Get('runs')
  @Authorize('read', 'Run')
  async listRuns(@Query() q: RunListQueryDto, @Language() lang: Lang) {
    const { items } = await this.seg.listRuns(q.modelId);
    return { items: items.map((r) => ({ ...r, error: localise(r.error, lang) })) };
  }

  @Get('runs/compare')
  @Authorize('read', 'Run')
  compare(@Query() q: CompareQueryDto) {
    return this.seg.compare(q.a, q.b);
  }

  /** For the director's portfolio: the latest succeeded ABCDX run's label distribution. */
  @Get('runs/latest-distribution')
  @Authorize('read', 'Run')
  latestDistribution() {
    return this.seg.latestDistribution();
  }

  @Get('runs/:id')
  @Authorize('read', 'Run')
  async getRun(@Param('id', ParseIdPipe) id: string, @Language() lang: Lang) {
    // The run's error is stored in English; it reads in the reader's language (ADR 0011).
    const run = await this.seg.getRun(id);
    return { ...run, error: localise(run.error, lang) };
  }

  @Get('runs/:id/results')
  @Authorize('read', 'Run')
  results(@Param('id', ParseIdPipe) id: string) {
    return this.seg.results(id);
  }

  @Get('runs/:id/members')
  @Authorize('read', 'Run')
  members(@Param('id', ParseIdPipe) id: string, @Query() q: MembersQueryDto) {
    return this.seg.members(id, q);
  }

  @Get('runs/:id/members.csv')
  @Authorize('export', 'Run')
  @Header('content-type', 'text/csv; charset=utf-8')
  membersCsv(@Param('id', ParseIdPipe) id: string, @Query() q: MembersQueryDto) {
    return this.seg.membersCsv(id, q);
  }

  @Post('runs/:id/cancel')
  @HttpCode(200)
  @Authorize('update', 'Run')
  cancel(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.cancelRun(ability, id, me.id);
  }

  @Post('runs/:id/rerun')
  @Authorize('create', 'Run')
  rerun(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.seg.rerun(ability, id, me.id);
  }

  @Get('promotions')
  @Authorize('read', 'Promotion')
  listPromotions() {
    return this.promotions.list();
  }

  @Post('promotions')
  @Authorize('propose', 'Promotion')
  propose(@Body() dto: ProposePromotionDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.promotions.propose(ability, dto, me.id);
  }

  @Post('promotions/:id/approve')
  @HttpCode(200)
  @Authorize('approve', 'Promotion')
  approve(@Param('id', ParseIdPipe) id: string, @Body() dto: ApprovePromotionDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.promotions.approve(ability, id, dto.ownerId, me.id);
  }

  @Post('promotions/:id/reject')
  @HttpCode(200)
  @Authorize('approve', 'Promotion')
  reject(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.promotions.reject(ability, id, me.id);
  }
}
