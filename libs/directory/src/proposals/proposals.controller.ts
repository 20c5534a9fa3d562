import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, SignedIn } from '@liaison/identity';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import {
  ApproveProposalDto,
  ProposalDetailDto,
  ProposalPageDto,
  ProposalQueryDto,
  ProposeChangesDto,
  RejectProposalDto,
} from './proposals.dto';
import { ProposalsService } from './proposals.service';

/** Proposed changes to records: filed by focal points, decided by the secretariat. */
@ApiTags('directory')
@Controller()
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @SignedIn()
  @Post('authorities/:id/proposals')
  @ApiCreatedResponse({ type: ProposalDetailDto })
  file(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ProposeChangesDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ProposalDetailDto> {
    return this.proposals.file(user, id, body, { ...meta, actorId: user.id });
  }

  @SignedIn()
  @Get('authorities/:id/proposals')
  @ApiOkResponse({ type: ProposalPageDto })
  ofAuthority(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Query() query: ProposalQueryDto,
  ): Promise<ProposalPageDto> {
    return this.proposals.list(user, { ...query, authority: id });
  }

  @SignedIn()
  @Get('directory/proposals')
  @ApiOkResponse({ type: ProposalPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ProposalQueryDto): Promise<ProposalPageDto> {
    return this.proposals.list(user, query);
  }

  @SignedIn()
  @Get('directory/proposals/:id')
  @ApiOkResponse({ type: ProposalDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<ProposalDetailDto> {
    return this.proposals.get(user, id);
  }

  @Roles('admin', 'secretariat')
  @Post('directory/proposals/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalDetailDto })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ApproveProposalDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ProposalDetailDto> {
    return this.proposals.approve(user, id, body, { ...meta, actorId: user.id });
  }

  @Roles('admin', 'secretariat')
  @Post('directory/proposals/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalDetailDto })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: RejectProposalDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ProposalDetailDto> {
    return this.proposals.reject(user, id, body.reason, { ...meta, actorId: user.id });
  }
}
