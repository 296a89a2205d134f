import { Module } from '@nestjs/common';
import { FeaturesModule } from '../features/features.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { PromotionsService } from './promotions.service.js';
import { RunQueueService } from './run-queue.service.js';
import { SegmentationController } from './segmentation.controller.js';
import { SegmentationService } from './segmentation.service.js';

@Module({
  imports: [FeaturesModule, ImportsModule],
  controllers: [SegmentationController],
  providers: [SegmentationService, PromotionsService, RunQueueService],
  exports: [SegmentationService],
})
export class SegmentationModule {}
