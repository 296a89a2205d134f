import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { AttachProductDto, CreateScenarioDto, ReorderDto, ReviewAttachmentDto, StepDto, UpdateScenarioDto } from './scenario.dto.js';
import { ScenariosService } from './scenarios.service.js';

@ApiTags('scenarios')
@Controller()
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get('segments/:id/scenarios')
  @Authorize('read', 'Scenario')
  async list(@Param('id', ParseIdPipe) id: string) {
    return { items: await this.scenarios.list(id) };
  }

  @Post('segments/:id/scenarios')
  @Authorize('create', 'Scenario')
  create(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateScenarioDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.create(ability, id, dto, me.id);
  }

  @Put('segments/:id/scenarios/order')
  @Authorize('update', 'Scenario')
  async reorder(@Param('id', ParseIdPipe) id: string, @Body() dto: ReorderDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return { items: await this.scenarios.reorder(ability, id, dto.ids, me.id) };
  }

  @Patch('scenarios/:id')
  @Authorize('update', 'Scenario')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateScenarioDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.update(ability, id, dto, me.id);
  }

  @Delete('scenarios/:id')
  @HttpCode(204)
  @Authorize('delete', 'Scenario')
  remove(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.remove(ability, id, me.id);
  }

  @Post('scenarios/:id/steps')
  @Authorize('update', 'Scenario')
  addStep(@Param('id', ParseIdPipe) id: string, @Body() dto: StepDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.addStep(ability, id, dto, me.id);
  }

  @Put('scenarios/:id/steps/order')
  @Authorize('update', 'Scenario')
  reorderSteps(@Param('id', ParseIdPipe) id: string, @Body() dto: ReorderDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.reorderSteps(ability, id, dto.ids, me.id);
  }

  @Patch('scenario-steps/:id')
  @Authorize('update', 'Scenario')
  updateStep(@Param('id', ParseIdPipe) id: string, @Body() dto: StepDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.updateStep(ability, id, dto, me.id);
  }

  @Delete('scenario-steps/:id')
  @Authorize('update', 'Scenario')
  removeStep(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.removeStep(ability, id, me.id);
  }

  @Post('scenario-steps/:id/attachments')
  @Authorize('create', 'Attachment')
  attach(@Param('id', ParseIdPipe) id: string, @Body() dto: AttachProductDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.attach(ability, id, dto, me.id);
  }

  @Put('attachments/:id/review')
  @Authorize('update', 'Attachment')
  review(@Param('id', ParseIdPipe) id: string, @Body() dto: ReviewAttachmentDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.review(ability, id, dto, me.id);
  }

  @Delete('attachments/:id')
  @HttpCode(204)
  @Authorize('delete', 'Attachment')
  detach(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.scenarios.detach(ability, id, me.id);
  }

  /** Where the caller's own products are used (the product owner's view). */
  @Get('product-usage')
  @Authorize('read', 'Product')
  async myUsage(@CurrentUser() me: RequestUser) {
    return { items: await this.scenarios.usageOfOwner(me.id) };
  }

  @Get('products/:id/usage')
  @Authorize('read', 'Product')
  async usage(@Param('id', ParseIdPipe) id: string) {
    return { items: await this.scenarios.productUsage(id) };
  }
}
