import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { CreateInterviewDto, CreateOutcomeDto, LinkEvidenceDto, UpdateJobMapDto, UpdateOutcomeDto } from './job-map.dto.js';
import { JobMapsService } from './job-maps.service.js';
import { InterviewsService } from './interviews.service.js';

@ApiTags('job maps')
@Controller()
export class JobMapsController {
  constructor(
    private readonly jobMaps: JobMapsService,
    private readonly interviews: InterviewsService,
  ) {}

  @Get('segments/:id/job-map')
  @Authorize('read', 'JobMap')
  get(@Param('id', ParseIdPipe) id: string) {
    return this.jobMaps.get(id);
  }

  @Put('segments/:id/job-map')
  @Authorize('update', 'JobMap')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateJobMapDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.updateMainJob(ability, id, dto.mainJob, me.id);
  }

  @Post('segments/:id/outcomes')
  @Authorize('create', 'JobMap')
  createOutcome(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateOutcomeDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.createOutcome(ability, id, dto, me.id);
  }

  @Patch('outcomes/:id')
  @Authorize('update', 'JobMap')
  updateOutcome(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateOutcomeDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.updateOutcome(ability, id, dto, me.id);
  }

  @Delete('outcomes/:id')
  @HttpCode(204)
  @Authorize('delete', 'JobMap')
  removeOutcome(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.removeOutcome(ability, id, me.id);
  }

  @Get('outcomes/:id/evidence')
  @Authorize('read', 'Interview')
  async evidence(@Param('id', ParseIdPipe) id: string) {
    return { items: await this.jobMaps.listEvidence(id) };
  }

  @Post('outcomes/:id/evidence')
  @Authorize('update', 'JobMap')
  link(@Param('id', ParseIdPipe) id: string, @Body() dto: LinkEvidenceDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.linkEvidence(ability, id, dto, me.id);
  }

  @Post('outcomes/:id/evidence/match')
  @HttpCode(200)
  @Authorize('update', 'JobMap')
  linkMatching(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.linkMatching(ability, id, me.id);
  }

  @Delete('outcomes/:id/evidence/:evidenceId')
  @Authorize('update', 'JobMap')
  unlink(@Param('id', ParseIdPipe) id: string, @Param('evidenceId', ParseIdPipe) evidenceId: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.jobMaps.unlinkEvidence(ability, id, evidenceId, me.id);
  }

  @Get('segments/:id/interviews')
  @Authorize('read', 'Interview')
  async segmentInterviews(@Param('id', ParseIdPipe) id: string) {
    return { items: await this.interviews.forSegment(id) };
  }

  /** The interviews and survey answers a card field may cite (the card editor's picker). */
  @Get('segments/:id/evidence-sources')
  @Authorize('read', 'Interview')
  evidenceSources(@Param('id', ParseIdPipe) id: string) {
    return this.interviews.evidenceSources(id);
  }

  @Get('interviews/:id')
  @Authorize('read', 'Interview')
  interview(@Param('id', ParseIdPipe) id: string) {
    return this.interviews.get(id);
  }

  @Post('interviews')
  @Authorize('create', 'Interview')
  createInterview(@Body() dto: CreateInterviewDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.interviews.create(ability, dto, me.id);
  }
}
