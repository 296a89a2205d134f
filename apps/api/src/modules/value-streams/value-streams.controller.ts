import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { CreateInitiativeDto, OrderStageDto, UpdateInitiativeDto } from './value-stream.dto.js';
import { ValueStreamsService } from './value-streams.service.js';

@ApiTags('value streams')
@Controller()
export class ValueStreamsController {
  constructor(private readonly streams: ValueStreamsService) {}

  @Get('segments/:id/board')
  @Authorize('read', 'ValueStream')
  board(@Param('id', ParseIdPipe) id: string) {
    return this.streams.board(id);
  }

  @Post('segments/:id/initiatives')
  @Authorize('create', 'ValueStream')
  create(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateInitiativeDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.streams.create(ability, id, dto, me.id);
  }

  /** Drag and drop on the board: the new order of one stage column, possibly with an initiative moved in from another stage. */
  @Put('segments/:id/board/order')
  @Authorize('update', 'ValueStream')
  order(@Param('id', ParseIdPipe) id: string, @Body() dto: OrderStageDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.streams.orderStage(ability, id, dto, me.id);
  }

  @Patch('initiatives/:id')
  @Authorize('update', 'ValueStream')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateInitiativeDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.streams.update(ability, id, dto, me.id);
  }

  @Delete('initiatives/:id')
  @HttpCode(204)
  @Authorize('delete', 'ValueStream')
  remove(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.streams.remove(ability, id, me.id);
  }
}
