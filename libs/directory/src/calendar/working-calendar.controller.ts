import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext, RequestMeta } from '@liaison/platform';
import { AuthUser, CurrentUser, Roles, SignedIn } from '@liaison/identity';
import { WorkingCalendarDto, WorkingCalendarViewDto } from './working-calendar.dto';
import { WorkingCalendarService } from './working-calendar.service';

/** The secretariat's working calendar: everyone signed in reads it (SLA deadlines use it), admins edit it. */
@ApiTags('directory')
@Controller('working-calendar')
export class WorkingCalendarController {
  constructor(private readonly calendars: WorkingCalendarService) {}

  @SignedIn()
  @Get()
  @ApiOkResponse({ type: WorkingCalendarViewDto })
  get(): Promise<WorkingCalendarViewDto> {
    return this.calendars.get();
  }

  @Roles('admin')
  @Put()
  @ApiOkResponse({ type: WorkingCalendarViewDto })
  replace(
    @CurrentUser() user: AuthUser,
    @Body() body: WorkingCalendarDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<WorkingCalendarViewDto> {
    return this.calendars.replace(user.id, body, meta);
  }
}
