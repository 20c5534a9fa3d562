import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthUser, clientOf, LinkStateDto, CurrentUser, Roles, SignedIn, PeopleService } from '@liaison/identity';
import { uuid, ValidationProblem } from '@liaison/platform';
import { AuthoritiesService, summaryOf } from './authorities/authorities.service';
import {
  AddMemberDto,
  AuthorityDetailDto,
  AuthorityPageDto,
  AuthorityQueryDto,
  AuthorityRecordQueryDto,
  AuthoritySummaryDto,
  CreateAuthorityDto,
  CreateNetworkDto,
  CreateStateDto,
  InviteFocalPointDto,
  NetworkDetailDto,
  NetworkSummaryDto,
  SetCoordinatorsDto,
  StateDto,
  UpdateAuthorityDto,
  UpdateNetworkDto,
  UpdateStateDto,
  UserAuthorityDto,
} from './directory.dto';
import { Memberships } from './memberships/memberships';
import { NetworksService } from './networks/networks.service';
import { StatesService } from './states/states.service';

const stateView = ({ code, name, untocParty, untocExtraditionBasis }: StateDto): StateDto => ({
  code,
  name,
  untocParty,
  untocExtraditionBasis,
});

function stateCode(code: string): string {
  if (!/^[A-Z]{2}$/.test(code))
    throw new ValidationProblem([{ field: 'code', message: 'must be an ISO 3166-1 alpha-2 code in capitals' }]);
  return code;
}

@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(
    private readonly states: StatesService,
    private readonly authorities: AuthoritiesService,
    private readonly people: PeopleService,
  ) {}

  @SignedIn()
  @Get('states')
  @ApiOkResponse({ type: [StateDto] })
  async listStates(): Promise<StateDto[]> {
    return (await this.states.list()).map(stateView);
  }

  @Roles('admin', 'secretariat')
  @Post('states')
  @ApiCreatedResponse({ type: StateDto })
  async createState(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateStateDto,
    @Req() request: Request,
  ): Promise<StateDto> {
    return stateView(await this.states.create(body, { ...clientOf(request), actorId: user.id }));
  }

  @Roles('admin', 'secretariat')
  @Patch('states/:code')
  @ApiOkResponse({ type: StateDto })
  async updateState(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: UpdateStateDto,
    @Req() request: Request,
  ): Promise<StateDto> {
    return stateView(await this.states.update(stateCode(code), body, { ...clientOf(request), actorId: user.id }));
  }

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
    @Req() request: Request,
  ): Promise<AuthoritySummaryDto> {
    const created = await this.authorities.create(body, { ...clientOf(request), actorId: user.id });
    return summaryOf(await this.authorities.get(created.id));
  }

  @Roles('admin', 'secretariat')
  @Patch('authorities/:id')
  @ApiOkResponse({ type: AuthoritySummaryDto })
  async updateAuthority(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UpdateAuthorityDto,
    @Req() request: Request,
  ): Promise<AuthoritySummaryDto> {
    await this.authorities.update(id, body, { ...clientOf(request), actorId: user.id });
    return summaryOf(await this.authorities.get(id));
  }
}

@ApiTags('networks')
@Controller()
export class NetworksController {
  constructor(
    private readonly networks: NetworksService,
    private readonly memberships: Memberships,
  ) {}

  @SignedIn()
  @Get('networks')
  @ApiOkResponse({ type: [NetworkSummaryDto] })
  list(): Promise<NetworkSummaryDto[]> {
    return this.networks.list();
  }

  @SignedIn()
  @Get('networks/mine')
  @ApiOkResponse({ type: [NetworkSummaryDto] })
  mine(@CurrentUser() user: AuthUser): Promise<NetworkSummaryDto[]> {
    return this.networks.mine(user.id);
  }

  @SignedIn()
  @Get('networks/:id')
  @ApiOkResponse({ type: NetworkDetailDto })
  detail(@Param('id', uuid('id')) id: string): Promise<NetworkDetailDto> {
    return this.networks.detail(id);
  }

  @Roles('admin', 'secretariat')
  @Post('networks')
  @ApiCreatedResponse({ type: NetworkDetailDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateNetworkDto,
    @Req() request: Request,
  ): Promise<NetworkDetailDto> {
    return this.networks.create(body, { ...clientOf(request), actorId: user.id });
  }

  @Roles('admin', 'secretariat')
  @Patch('networks/:id')
  @ApiOkResponse({ type: NetworkDetailDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UpdateNetworkDto,
    @Req() request: Request,
  ): Promise<NetworkDetailDto> {
    return this.networks.update(id, body, { ...clientOf(request), actorId: user.id });
  }

  @Roles('admin', 'secretariat')
  @Put('networks/:id/coordinators')
  @ApiOkResponse({ type: NetworkDetailDto })
  setCoordinators(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: SetCoordinatorsDto,
    @Req() request: Request,
  ): Promise<NetworkDetailDto> {
    return this.networks.setCoordinators(id, body.userIds, { ...clientOf(request), actorId: user.id });
  }

  /** Staff, or a coordinator of this network (focal points of its member States only). */
  @Roles('admin', 'secretariat', 'coordinator')
  @Post('networks/:id/members')
  @ApiCreatedResponse({ type: NetworkDetailDto })
  addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: AddMemberDto,
    @Req() request: Request,
  ): Promise<NetworkDetailDto> {
    return this.networks.addMember(user, id, body.userId, clientOf(request));
  }

  @Roles('admin', 'secretariat', 'coordinator')
  @Delete('networks/:id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('userId', uuid('userId')) userId: string,
    @Req() request: Request,
  ): Promise<void> {
    return this.networks.removeMember(user, id, userId, clientOf(request));
  }

  @Roles('admin', 'secretariat', 'coordinator')
  @Post('networks/:id/invitations')
  @ApiCreatedResponse({ type: LinkStateDto })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: InviteFocalPointDto,
    @Req() request: Request,
  ): Promise<LinkStateDto> {
    return this.networks.inviteFocalPoint(user, id, body.email, body.authorityId, clientOf(request));
  }

  @Roles('admin', 'secretariat')
  @Put('users/:id/authority')
  @HttpCode(204)
  @ApiNoContentResponse()
  setAuthority(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UserAuthorityDto,
    @Req() request: Request,
  ): Promise<void> {
    return this.memberships.setAuthority(user, id, body.authorityId, clientOf(request));
  }
}
