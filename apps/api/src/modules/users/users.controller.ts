import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { CreateUserDto, UpdateUserDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize('read', 'User')
  async list() {
    return { items: await this.users.list() };
  }

  @Post()
  @Authorize('create', 'User')
  create(@Body() dto: CreateUserDto, @CurrentUser() me: RequestUser) {
    return this.users.create(dto, me.id);
  }

  @Patch(':id')
  @Authorize('update', 'User')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto, @CurrentUser() me: RequestUser) {
    return this.users.update(id, dto, me.id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @Authorize('update', 'User')
  resetPassword(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() me: RequestUser) {
    return this.users.resetPassword(id, me.id);
  }
}
