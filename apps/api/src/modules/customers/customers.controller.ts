import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { CustomerQueryDto } from './customer.dto.js';
import { CustomersService } from './customers.service.js';

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @Authorize('read', 'Customer')
  list(@CurrentAbility() ability: AppAbility, @Query() query: CustomerQueryDto) {
    return this.customers.list(ability, query);
  }

  @Get('facets')
  @Authorize('read', 'Customer')
  facets(@CurrentAbility() ability: AppAbility) {
    return this.customers.facets(ability);
  }

  @Get(':id')
  @Authorize('read', 'Customer')
  detail(@CurrentAbility() ability: AppAbility, @Param('id', ParseIdPipe) id: string) {
    return this.customers.detail(ability, id);
  }
}
