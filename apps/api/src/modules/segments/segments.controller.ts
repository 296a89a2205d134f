import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { UpdateSegmentCardDto } from './segment-card.dto.js';
import { SegmentCardService } from './segment-card.service.js';
import { CreateProposalDto, DecideProposalDto, MergeSegmentsDto, ProposalQueryDto, SplitSegmentDto } from './segment-lifecycle.dto.js';
import { SegmentLifecycleService } from './segment-lifecycle.service.js';
import { AssignOwnerDto, CreateSegmentDto, UpdateSegmentDto } from './segment.dto.js';
import { SegmentsService } from './segments.service.js';

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly cards: SegmentCardService,
    private readonly lifecycle: SegmentLifecycleService,
  ) {}

  @Get()
  @Authorize('read', 'Segment')
  async list(@Res({ passthrough: true }) res: Response): Promise<string> {
    // The list arrives as JSON text built by PostgreSQL (same shape as SegmentDto[]): no row parsing and re-serialising per segment.
    res.type('application/json');
    return this.segments.listJson();
  }

  @Post()
  @Authorize('create', 'Segment')
  create(@Body() dto: CreateSegmentDto, @CurrentUser() me: RequestUser) {
    return this.segments.create(dto, me.id);
  }

  /** Director: merge two or more segments into a new one (memberships close the day before the merge date; the new ones open on it). */
  @Post('merge')
  @Authorize('merge', 'Segment')
  merge(@Body() dto: MergeSegmentsDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.lifecycle.merge(ability, dto, me.id);
  }

  @Get(':id')
  @Authorize('read', 'Segment')
  get(@Param('id', ParseIdPipe) id: string) {
    return this.segments.get(id);
  }

  @Get(':id/history')
  @Authorize('read', 'Segment')
  history(@Param('id', ParseIdPipe) id: string) {
    return this.segments.history(id);
  }

  @Patch(':id')
  @Authorize('update', 'Segment')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSegmentDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.segments.update(ability, id, dto, me.id);
  }

  @Get(':id/card')
  @Authorize('read', 'Segment')
  card(@Param('id', ParseIdPipe) id: string) {
    return this.cards.get(id);
  }

  @Put(':id/card')
  @Authorize('update', 'Segment')
  updateCard(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSegmentCardDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.cards.update(ability, id, dto, me.id);
  }

  @Put(':id/owner')
  @Authorize('assignOwner', 'Segment')
  assignOwner(@Param('id', ParseIdPipe) id: string, @Body() dto: AssignOwnerDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.segments.assignOwner(ability, id, dto, me.id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Authorize('archive', 'Segment')
  archive(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.segments.archive(ability, id, me.id);
  }

  /** Director: split by a rule on customer attributes into two new segments. */
  @Post(':id/split')
  @Authorize('split', 'Segment')
  split(@Param('id', ParseIdPipe) id: string, @Body() dto: SplitSegmentDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.lifecycle.split(ability, id, dto, me.id);
  }

  /** CX-owner: propose to archive, merge or split their own segment. */
  @Post(':id/proposals')
  @Authorize('propose', 'Segment')
  propose(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateProposalDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.lifecycle.propose(ability, id, dto, me.id);
  }
}

@ApiTags('segments')
@Controller('segment-proposals')
export class SegmentProposalsController {
  constructor(private readonly lifecycle: SegmentLifecycleService) {}

  @Get()
  @Authorize('read', 'Segment')
  async list(@Query() q: ProposalQueryDto) {
    return { items: await this.lifecycle.listProposals(q) };
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Authorize('approve', 'Segment')
  decide(@Param('id', ParseIdPipe) id: string, @Body() dto: DecideProposalDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.lifecycle.decide(ability, id, dto, me.id);
  }
}
