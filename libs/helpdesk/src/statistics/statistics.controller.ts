import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { StatisticsDto, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

/**
 * Statistics on blocked cases: the secretariat's cover every ticket, a coordinator's the networks they
 * coordinate; anyone else 403. Categorical facts and working-time durations only.
 */
@ApiTags('helpdesk')
@SignedIn()
@Controller('helpdesk/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOkResponse({ type: StatisticsDto })
  @ApiForbiddenResponse({ description: 'Not the secretariat, or not a coordinator of that network' })
  get(@CurrentUser() user: AuthUser, @Query() query: StatisticsQueryDto): Promise<StatisticsDto> {
    return this.statistics.statistics(user, query);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The same statistics, one row per value; cells neutralised against formulas' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="helpdesk-statistics.csv"')
  csv(@CurrentUser() user: AuthUser, @Query() query: StatisticsQueryDto): Promise<string> {
    return this.statistics.csv(user, query);
  }
}
