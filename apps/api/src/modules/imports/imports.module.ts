import { Module } from '@nestjs/common';
import { ImportQueueService } from './import-queue.service.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportQueueService],
  // The queue is exported so other background work (segmentation runs) shares the one pg-boss instance.
  exports: [ImportsService, ImportQueueService],
})
export class ImportsModule {}
