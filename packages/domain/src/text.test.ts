import { describe, expect, it } from 'vitest';
import { toHalfWidth } from './text.ts';

describe('toHalfWidth', () => {
  it('maps full-width ASCII forms and the ideographic space', () => {
    expect(toHalfWidth('９１３５ＡＢｃ，．－')).toBe('9135ABc,.-');
    expect(toHalfWidth('a\u3000b')).toBe('a b');
    expect(toHalfWidth('万元￥')).toBe('万元￥');
    expect(toHalfWidth('')).toBe('');
  });
});
