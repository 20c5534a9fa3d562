import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { MessagesService } from '../messages/messages.service';
import { SearchPageDto, SearchQueryDto } from './search.dto';

/** Search across every message the caller may read (access is checked inside the query). */
@ApiTags('messaging')
@SignedIn()
@Controller()
export class SearchController {
  constructor(private readonly messages: MessagesService) {}

  @Get('search/messages')
  @ApiOkResponse({ type: SearchPageDto })
  search(@CurrentUser() user: AuthUser, @Query() query: SearchQueryDto): Promise<SearchPageDto> {
    return this.messages.search(user.id, { ...query, limit: query.limit ?? 20 });
  }
}
