import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { CreateApiTokenDto } from './api-token.dto.js';
import { ApiTokensService } from './api-tokens.service.js';

@ApiTags('api-tokens')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @Authorize('manage', 'ApiToken')
  async list() {
    return { items: await this.tokens.list() };
  }

  /** The secret is in this response only. */
  @Post()
  @Authorize('manage', 'ApiToken')
  create(@Body() dto: CreateApiTokenDto, @CurrentUser() me: RequestUser) {
    return this.tokens.create(dto, me.id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Authorize('manage', 'ApiToken')
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() me: RequestUser) {
    return this.tokens.revoke(id, me.id);
  }
}
