import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { ErasureService } from './erasure.service.js';

@ApiTags('customers')
@Controller('customers')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  /** Erase a customer's personal data on request (admin). Amounts and dates stay. */
  @Post(':id/erase')
  @HttpCode(200)
  @Authorize('erase', 'Customer')
  erase(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.erasure.erase(ability, id, me.id);
  }
}
