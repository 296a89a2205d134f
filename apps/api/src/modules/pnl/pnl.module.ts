import { Module } from '@nestjs/common';
import { PlansController, PnlController, SettingsController } from './pnl.controller.js';
import { PlansService } from './plans.service.js';
import { PnlService } from './pnl.service.js';
import { SettingsService } from './settings.service.js';

@Module({
  controllers: [PnlController, PlansController, SettingsController],
  providers: [PnlService, PlansService, SettingsService],
  exports: [PnlService, SettingsService],
})
export class PnlModule {}
