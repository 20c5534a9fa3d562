import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@liaison/identity';
import { DatabaseConnector } from '@liaison/platform';
import { ComponentHealth, HealthChecks, Liveness, ReadinessReport } from './health-checks';

/** Open to the load balancer and the orchestrator: reveals nothing but up or down. */
@ApiTags('health')
@ApiExtraModels(ComponentHealth)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly database: DatabaseConnector,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (restart it if this fails)' })
  @ApiOkResponse({ type: Liveness })
  live(): Liveness {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis answer (send traffic only when this is 200)' })
  @ApiOkResponse({ type: ReadinessReport, description: 'Every component is up' })
  @ApiServiceUnavailableResponse({ type: ReadinessReport, description: 'A component is down' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.checks.readiness(this.database.connected);
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
