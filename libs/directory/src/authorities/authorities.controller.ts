import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PeopleService, Roles, SignedIn } from '@liaison/identity';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import {
  AuthorityDetailDto,
  AuthorityPageDto,
  AuthorityQueryDto,
  AuthorityRecordQueryDto,
  AuthoritySummaryDto,
  CreateAuthorityDto,
  UpdateAuthorityDto,
} from './authorities.dto';
import { AuthoritiesService, summaryOf } from './authorities.service';

/** Competent authorities: searched and read by everyone signed in, kept by the secretariat. */
@ApiTags('directory')
@Controller()
export class AuthoritiesController {
  constructor(
    private readonly authorities: AuthoritiesService,
    private readonly people: PeopleService,
  ) {}

  @SignedIn()
  @Get('authorities')
  @ApiOkResponse({ type: AuthorityPageDto })
  search(@Query() query: AuthorityQueryDto): Promise<AuthorityPageDto> {
    return this.authorities.search(query);
  }

  /** The record, its office hours shown in `tz` or, by default, in my profile's zone. */
  @SignedIn()
  @Get('authorities/:id')
  @ApiOkResponse({ type: AuthorityDetailDto })
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Query() query: AuthorityRecordQueryDto,
  ): Promise<AuthorityDetailDto> {
    const zone = query.tz ?? (await this.people.get(user.id))?.timeZone ?? 'UTC';
    return this.authorities.record(id, zone);
  }

  @Roles('admin', 'secretariat')
  @Post('authorities')
  @ApiCreatedResponse({ type: AuthoritySummaryDto })
  async createAuthority(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateAuthorityDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<AuthoritySummaryDto> {
    const created = await this.authorities.create(body, { ...meta, actorId: user.id });
    return summaryOf(await this.authorities.get(created.id), this.authorities.today());
  }

  @Roles('admin', 'secretariat')
  @Patch('authorities/:id')
  @ApiOkResponse({ type: AuthoritySummaryDto })
  async updateAuthority(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UpdateAuthorityDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<AuthoritySummaryDto> {
    await this.authorities.update(id, body, { ...meta, actorId: user.id });
    return summaryOf(await this.authorities.get(id), this.authorities.today());
  }
}
