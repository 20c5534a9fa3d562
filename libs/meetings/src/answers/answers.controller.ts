import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { uuid } from '@liaison/platform';
import { AnswerDto, AnswerViewDto, MeetingDto } from '../meetings/meetings.dto';
import { AnswersService } from './answers.service';

/** Invitees' answers: given on the platform, seen live by the organizers. */
@ApiTags('meetings')
@SignedIn()
@Controller('meetings/:id/answers')
export class AnswersController {
  constructor(private readonly answers: AnswersService) {}

  @Put('mine')
  @ApiOkResponse({ type: MeetingDto })
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: AnswerDto,
  ): Promise<MeetingDto> {
    return this.answers.answer(user, id, body);
  }

  @Get()
  @ApiOkResponse({ type: [AnswerViewDto] })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<AnswerViewDto[]> {
    return this.answers.list(user, id);
  }
}
