import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config';

/** What a gauge reads at scrape time: one number, or one per combination of its labels. */
export type GaugeReader = () =>
  number | [Record<string, string>, number][] | Promise<number | [Record<string, string>, number][]>;

@Injectable()
export class Metrics implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  private server?: Server;

  /** From the send's start to its commit, per message (a message waiting in a batch counts its wait). */
  readonly sendSeconds = new Histogram({
    name: 'liaison_message_send_duration_seconds',
    help: 'Time from receiving a send to its commit in PostgreSQL, per message',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Messages committed together in one transaction. */
  readonly sendBatchSize = new Histogram({
    name: 'liaison_message_send_batch_size',
    help: 'Messages committed in one transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly messagesSent = new Counter({
    name: 'liaison_messages_sent_total',
    help: 'Messages stored (a retried client id that returns the stored message is not counted)',
    registers: [this.registry],
  });

  /** Server-to-client socket events written on this node, `message.created` apart from the rest. */
  readonly deliveries = new Counter({
    name: 'liaison_realtime_deliveries_total',
    help: 'Socket events written to sockets on this node',
    labelNames: ['event'],
    registers: [this.registry],
  });

  readonly jobLateness = new Histogram({
    name: 'liaison_queue_job_lateness_seconds',
    help: 'How long after it was due a job started (first attempts only: a retry waits on purpose)',
    labelNames: ['queue'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  constructor(private readonly config: AppConfig) {}

  /** One stored message: how long its send took and how many were committed with it. */
  messageStored(seconds: number, batchSize = 1): void {
    this.sendSeconds.observe(seconds);
    this.sendBatchSize.observe(batchSize);
    this.messagesSent.inc();
  }

  /** A gauge read at scrape time. A failing reader leaves it out of that scrape rather than failing the scrape. */
  gauge(name: string, help: string, read: GaugeReader, labelNames: string[] = []): void {
    const logger = this.logger;
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        try {
          const value = await read();
          this.reset();
          if (typeof value === 'number') this.set(value);
          else for (const [labels, entry] of value) this.set(labels, entry);
        } catch (error) {
          logger.warn(`metric ${name} not read: ${(error as Error).message}`);
        }
      },
    });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === 0) return;
    // Process CPU, memory, GC and the event-loop delay (nodejs_eventloop_lag_*), under their usual names.
    collectDefaultMetrics({ register: this.registry });
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.text().then(
        (body) => response.writeHead(200, { 'Content-Type': this.registry.contentType }).end(body),
        (error: Error) => {
          this.logger.warn(`metrics scrape failed: ${error.message}`);
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, this.config.METRICS_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://${this.config.METRICS_HOST}:${this.config.METRICS_PORT}/metrics`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
