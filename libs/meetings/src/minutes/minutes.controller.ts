import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { AuditContext, RequestMeta, uuid } from '@liaison/platform';
import { MeetingDto, MinutesDto } from '../meetings/meetings.dto';
import { MinutesService } from './minutes.service';

@ApiTags('meetings')
@SignedIn()
@Controller('meetings/:id/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Put()
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingDto })
  post(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: MinutesDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<MeetingDto> {
    return this.minutes.post(user, id, body.minutes, meta);
  }
}
