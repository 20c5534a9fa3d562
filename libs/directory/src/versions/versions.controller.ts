import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '@liaison/identity';
import { uuid } from '@liaison/platform';
import { VersionComparisonDto, VersionComparisonQueryDto, VersionDto } from './versions.dto';
import { VersionsService } from './versions.service';

/** A record's versions: read by everyone signed in, as the record is. */
@ApiTags('directory')
@Controller()
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @SignedIn()
  @Get('authorities/:id/versions')
  @ApiOkResponse({ type: [VersionDto] })
  list(@Param('id', uuid('id')) id: string): Promise<VersionDto[]> {
    return this.versions.list(id);
  }

  @SignedIn()
  @Get('authorities/:id/versions/compare')
  @ApiOkResponse({ type: VersionComparisonDto })
  compare(
    @Param('id', uuid('id')) id: string,
    @Query() query: VersionComparisonQueryDto,
  ): Promise<VersionComparisonDto> {
    return this.versions.compare(id, query.from, query.to);
  }
}
