import { Body, Controller, Get, Header, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { AuditContext, RequestMeta, uuid, ValidationProblem } from '@liaison/platform';
import {
  AgendaItemDto,
  AgendaQueryDto,
  MeetingDto,
  MeetingListQueryDto,
  MeetingPageDto,
  MoveOccurrenceDto,
  ScheduleMeetingDto,
  UpdateMeetingDto,
} from './meetings.dto';
import { MeetingsService } from './meetings.service';

const OCCURRENCE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * Network meetings. A meeting the caller may not see answers 404 on every route; a change by someone who
 * does not coordinate its network answers 403.
 */
@ApiTags('meetings')
@SignedIn()
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ApiOkResponse({ type: MeetingPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: MeetingListQueryDto): Promise<MeetingPageDto> {
    return this.meetings.list(user, query);
  }

  /** My agenda: the occurrences of the meetings I see between two instants, times also in my zone. */
  @Get('agenda')
  @ApiOkResponse({ type: [AgendaItemDto] })
  agenda(@CurrentUser() user: AuthUser, @Query() query: AgendaQueryDto): Promise<AgendaItemDto[]> {
    return this.meetings.agenda(user, query);
  }

  @Post()
  @ApiCreatedResponse({ type: MeetingDto })
  schedule(
    @CurrentUser() user: AuthUser,
    @Body() body: ScheduleMeetingDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<MeetingDto> {
    return this.meetings.schedule(user, body, meta);
  }

  @Get(':id')
  @ApiOkResponse({ type: MeetingDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<MeetingDto> {
    return this.meetings.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: MeetingDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UpdateMeetingDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<MeetingDto> {
    return this.meetings.update(user, id, body, meta);
  }

  @Post(':id/cancel')
  @ApiOkResponse({ type: MeetingDto })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: AuditContext,
  ): Promise<MeetingDto> {
    return this.meetings.cancel(user, id, meta);
  }

  @Patch(':id/occurrences/:occurrenceId')
  @ApiOkResponse({ type: MeetingDto })
  move(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('occurrenceId') occurrenceId: string,
    @Body() body: MoveOccurrenceDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<MeetingDto> {
    return this.meetings.moveOccurrence(user, id, this.occurrence(occurrenceId), body.startLocal, meta);
  }

  @Post(':id/occurrences/:occurrenceId/cancel')
  @ApiOkResponse({ type: MeetingDto })
  cancelOccurrence(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('occurrenceId') occurrenceId: string,
    @RequestMeta() meta: AuditContext,
  ): Promise<MeetingDto> {
    return this.meetings.cancelOccurrence(user, id, this.occurrence(occurrenceId), meta);
  }

  /** The meeting's calendar entry (METHOD:PUBLISH), for invitees who add it by hand. */
  @Get(':id/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="meeting.ics"')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  calendar(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<string> {
    return this.meetings.calendar(user, id);
  }

  private occurrence(value: string): string {
    if (!OCCURRENCE.test(value))
      throw new ValidationProblem([{ field: 'occurrenceId', message: 'must be a local date-time YYYY-MM-DDTHH:mm' }]);
    return value;
  }
}
