import { Module } from '@nestjs/common';
import { InterviewsService } from './interviews.service.js';
import { JobMapsController } from './job-maps.controller.js';
import { JobMapsService } from './job-maps.service.js';

@Module({ controllers: [JobMapsController], providers: [JobMapsService, InterviewsService], exports: [JobMapsService] })
export class JobMapsModule {}
