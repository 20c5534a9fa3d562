import { jobId } from './queues';

describe('jobId', () => {
  it('joins the parts with "-", so the same work always gets the same id', () => {
    expect(jobId('deliver', '0b7c2f4e-1a2b-4c3d-8e9f-001122334455')).toBe(
      'deliver-0b7c2f4e-1a2b-4c3d-8e9f-001122334455',
    );
    expect(jobId('reminder', 'm1', 'v3')).toBe(jobId('reminder', 'm1', 'v3'));
  });

  it('refuses ":" (BullMQ rejects it in custom ids) and anything else that could smuggle text into an id', () => {
    expect(() => jobId('deliver', 'a:b')).toThrow(/job id part/);
    expect(() => jobId('deliver', 'with space')).toThrow(/job id part/);
    expect(() => jobId('deliver', '')).toThrow(/job id part/);
  });
});
