import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { Authorize } from '../../authz/authorize.decorator.js';
import { FeatureSampleQueryDto, FeatureWindowDto } from './features.dto.js';
import { FeaturesService } from './features.service.js';

@ApiTags('features')
@Controller('features')
export class FeaturesController {
  constructor(private readonly features: FeaturesService) {}

  @Get('catalogue')
  @Authorize('read', 'Model')
  catalogue() {
    return this.features.catalogue();
  }

  @Get('snapshots')
  @Authorize('read', 'Model')
  snapshots() {
    return this.features.snapshots();
  }

  @Post('snapshots')
  @Authorize('create', 'Model')
  compute(@Body() dto: FeatureWindowDto, @CurrentUser() me: RequestUser) {
    return this.features.compute(dto.asOf, dto.lookbackMonths, me.id);
  }

  @Get('non-positive')
  @Authorize('read', 'Model')
  nonPositive(@Query() q: FeatureWindowDto) {
    return this.features.nonPositive(q.asOf, q.lookbackMonths);
  }

  @Get('sample')
  @Authorize('read', 'Model')
  sample(@Query() q: FeatureSampleQueryDto) {
    return this.features.sample(q.asOf, q.lookbackMonths, q.size, q.seed);
  }
}
