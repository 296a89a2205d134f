import { Module } from '@nestjs/common';
import { SegmentCardService } from './segment-card.service.js';
import { SegmentLifecycleService } from './segment-lifecycle.service.js';
import { SegmentProposalsController, SegmentsController } from './segments.controller.js';
import { SegmentsService } from './segments.service.js';

@Module({
  controllers: [SegmentsController, SegmentProposalsController],
  providers: [SegmentsService, SegmentCardService, SegmentLifecycleService],
  exports: [SegmentsService],
})
export class SegmentsModule {}
