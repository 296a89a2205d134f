import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { CreateProductDto, UpdateProductDto } from './product.dto.js';
import { ProductsService } from './products.service.js';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiQuery({ name: 'mine', required: false, description: 'true: only products I own' })
  @Authorize('read', 'Product')
  async list(@Query('mine') mine: string | undefined, @CurrentUser() me: RequestUser) {
    return { items: await this.products.list(mine === 'true' ? me.id : undefined) };
  }

  @Post()
  @Authorize('create', 'Product')
  create(@Body() dto: CreateProductDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.products.create(ability, dto, me.id);
  }

  @Get(':id')
  @Authorize('read', 'Product')
  get(@Param('id', ParseIdPipe) id: string) {
    return this.products.get(id);
  }

  @Patch(':id')
  @Authorize('update', 'Product')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateProductDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.products.update(ability, id, dto, me.id);
  }
}
