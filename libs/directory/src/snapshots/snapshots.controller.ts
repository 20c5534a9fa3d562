import { Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Roles, SignedIn } from '@liaison/identity';
import { KeysetQueryDto, RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { SnapshotComparisonDto, SnapshotDto, SnapshotPageDto, SnapshotSummaryDto } from './snapshots.dto';
import { SnapshotsService } from './snapshots.service';

const fileName = (snapshot: { publishedAt: string }) => `directory-${snapshot.publishedAt.slice(0, 10)}`;

/** Published snapshots of the directory: the secretariat publishes, everyone signed in reads and exports. */
@ApiTags('directory')
@Controller('directory/snapshots')
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Roles('admin', 'secretariat')
  @Post()
  @ApiCreatedResponse({ type: SnapshotSummaryDto })
  publish(@CurrentUser() user: AuthUser, @RequestMeta() meta: RequestMetadata): Promise<SnapshotSummaryDto> {
    return this.snapshots.publish({ ...meta, actorId: user.id });
  }

  @SignedIn()
  @Get()
  @ApiOkResponse({ type: SnapshotPageDto })
  list(@Query() query: KeysetQueryDto): Promise<SnapshotPageDto> {
    return this.snapshots.list(query);
  }

  @SignedIn()
  @Get(':id')
  @ApiOkResponse({ type: SnapshotDto })
  get(@Param('id', uuid('id')) id: string): Promise<SnapshotDto> {
    return this.snapshots.get(id);
  }

  @SignedIn()
  @Get(':id/compare')
  @ApiOkResponse({ type: SnapshotComparisonDto })
  compare(@Param('id', uuid('id')) id: string): Promise<SnapshotComparisonDto> {
    return this.snapshots.compare(id);
  }

  @SignedIn()
  @Get(':id/export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The snapshot as CSV, formula-like cells neutralised' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Param('id', uuid('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const snapshot = await this.snapshots.get(id);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(snapshot)}.csv"`);
    return this.snapshots.csv(id);
  }

  @SignedIn()
  @Get(':id/export.json')
  @ApiOkResponse({ type: SnapshotDto, description: 'The snapshot as a JSON file' })
  async json(
    @Param('id', uuid('id')) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SnapshotDto> {
    const snapshot = await this.snapshots.get(id);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(snapshot)}.json"`);
    return snapshot;
  }
}
