import { Injectable } from '@nestjs/common';

/** The time, injected so that tests and time-zone logic can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
