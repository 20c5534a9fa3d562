import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { VerifiedDto } from './freshness.dto';
import { Freshness } from './freshness.processor';

/** "Nothing changed": one click by a focal point of the authority (or the secretariat). */
@ApiTags('directory')
@Controller()
export class FreshnessController {
  constructor(private readonly freshness: Freshness) {}

  @SignedIn()
  @Post('authorities/:id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: VerifiedDto })
  async verify(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<VerifiedDto> {
    return { lastVerified: await this.freshness.verify(user, id, { ...meta, actorId: user.id }) };
  }
}
