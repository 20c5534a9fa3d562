import { Module } from '@nestjs/common';
import { AnswersController } from './answers/answers.controller';
import { MeetingsController } from './meetings/meetings.controller';
import { MeetingsModule } from './meetings.module';
import { MinutesController } from './minutes/minutes.controller';
import { SlotsController } from './slots/slots.controller';

/** The meetings' HTTP routes; only the API imports this module. */
@Module({
  imports: [MeetingsModule],
  controllers: [MeetingsController, AnswersController, MinutesController, SlotsController],
})
export class MeetingsHttpModule {}
