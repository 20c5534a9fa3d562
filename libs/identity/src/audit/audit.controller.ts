import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@liaison/platform';
import { Roles } from '../access/access.decorators';
import { AuditQueryDto, AuditPageDto } from './audit.dto';

/** The audit log, for admins only: newest first, filtered. */
@ApiTags('audit')
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page = await this.audit.list({ ...query, limit: query.limit ?? 50 });
    // Everything but the chain's hashes, which mean nothing to a reader.
    return {
      nextCursor: page.nextCursor,
      items: page.items.map(({ prevHash: _prev, hash: _hash, ...entry }) => entry),
    };
  }
}
