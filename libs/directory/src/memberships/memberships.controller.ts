import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@liaison/identity';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { UserAuthorityDto } from './memberships.dto';
import { Memberships } from './memberships.service';

/** Which authority a person belongs to: their network memberships follow from it. */
@ApiTags('networks')
@Controller()
export class MembershipsController {
  constructor(private readonly memberships: Memberships) {}

  @Roles('admin', 'secretariat')
  @Put('users/:id/authority')
  @HttpCode(204)
  @ApiNoContentResponse()
  setAuthority(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: UserAuthorityDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    return this.memberships.setAuthority(user, id, body.authorityId, meta);
  }
}
