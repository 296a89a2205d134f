import { describe, expect, it } from 'vitest';
import { correctedCsv } from './corrected-csv';

describe('correctedCsv', () => {
  it('writes field names as headers and quotes commas, quotes, line breaks and edge spaces', () => {
    expect(correctedCsv(['external_id', 'amount', 'note'], [{ external_id: 'T-1', amount: '1 234,50', note: 'said "hi"\nthen left' }, { external_id: ' T-2', amount: '7' }])).toBe(
      'external_id,amount,note\nT-1,"1 234,50","said ""hi""\nthen left"\n" T-2",7,\n',
    );
  });
});
