import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, LinkStateDto, Roles, SignedIn } from '@liaison/identity';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import {
  AddMemberDto,
  CreateNetworkDto,
  InviteFocalPointDto,
  NetworkDetailDto,
  NetworkSummaryDto,
  SetCoordinatorsDto,
  UpdateNetworkDto,
} from './networks.dto';
import { NetworksService } from './networks.service';

@ApiTags('networks')
@Controller()
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

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
    @RequestMeta() meta: RequestMetadata,
  ): Promise<NetworkDetailDto> {
    return this.networks.create(body, { ...meta, actorId: user.id });
  }

  @Roles('admin', 'secretariat')
  @Patch('networks/:id')
  @ApiOkResponse({ type: NetworkDetailDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UpdateNetworkDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<NetworkDetailDto> {
    return this.networks.update(id, body, { ...meta, actorId: user.id });
  }

  @Roles('admin', 'secretariat')
  @Put('networks/:id/coordinators')
  @ApiOkResponse({ type: NetworkDetailDto })
  setCoordinators(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: SetCoordinatorsDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<NetworkDetailDto> {
    return this.networks.setCoordinators(id, body.userIds, { ...meta, actorId: user.id });
  }

  /** Staff, or a coordinator of this network (focal points of its member States only). */
  @Roles('admin', 'secretariat', 'coordinator')
  @Post('networks/:id/members')
  @ApiCreatedResponse({ type: NetworkDetailDto })
  addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: AddMemberDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<NetworkDetailDto> {
    return this.networks.addMember(user, id, body.userId, meta);
  }

  @Roles('admin', 'secretariat', 'coordinator')
  @Delete('networks/:id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('userId', uuid('userId')) userId: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    return this.networks.removeMember(user, id, userId, meta);
  }

  @Roles('admin', 'secretariat', 'coordinator')
  @Post('networks/:id/invitations')
  @ApiCreatedResponse({ type: LinkStateDto })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: InviteFocalPointDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<LinkStateDto> {
    return this.networks.inviteFocalPoint(user, id, body.email, body.authorityId, meta);
  }
}
