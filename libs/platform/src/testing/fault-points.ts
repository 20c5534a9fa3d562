import { Injectable } from '@nestjs/common';
import { writeSync } from 'node:fs';
import { AppConfig } from '../config/app-config';

/**
 * Named places where a test may kill the process, to prove that work survives a crash at the worst
 * moment (after a delivery is claimed, before its outcome is recorded). Only the point named by
 * TEST_FAULT_POINT fires, and configuration refuses that variable in production.
 */
@Injectable()
export class FaultPoints {
  constructor(private readonly config: AppConfig) {}

  reach(point: string): void {
    if (this.config.TEST_FAULT_POINT !== point) return;
    // Written synchronously: the logger's buffer would die with the process.
    writeSync(2, `fault point ${point} reached: killing the process\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
