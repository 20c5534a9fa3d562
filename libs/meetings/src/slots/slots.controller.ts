import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { SlotsDto, SlotSearchDto } from '../meetings/meetings.dto';
import { SlotsService } from './slots.service';

@ApiTags('meetings')
@SignedIn()
@Controller('meeting-slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  /** Times inside every invited authority's office hours, best first (a search: nothing is stored). */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: SlotsDto })
  find(@CurrentUser() user: AuthUser, @Body() body: SlotSearchDto): Promise<SlotsDto> {
    return this.slots.find(user, body);
  }
}
