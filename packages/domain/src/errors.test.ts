import { describe, expect, it } from 'vitest';
import { errorCodes, errorMessages, errorStatus } from './errors.ts';

describe('error vocabulary', () => {
  it('gives every code a 4xx/5xx status and a message in both languages', () => {
    for (const code of errorCodes) {
      expect(errorStatus[code]).toBeGreaterThanOrEqual(400);
      expect(errorMessages[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(errorMessages[code]['en-US']).toMatch(/^[A-Z]/);
    }
    expect(errorStatus.internal).toBe(500);
  });
});
