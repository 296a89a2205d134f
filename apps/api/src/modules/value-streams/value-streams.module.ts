import { Module } from '@nestjs/common';
import { ValueStreamsController } from './value-streams.controller.js';
import { ValueStreamsService } from './value-streams.service.js';

@Module({ controllers: [ValueStreamsController], providers: [ValueStreamsService] })
export class ValueStreamsModule {}
