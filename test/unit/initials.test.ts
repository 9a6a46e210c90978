import { describe, expect, it } from 'vitest';
import { initials } from '../../renderer/src/common/initials';

describe('avatar initials', () => {
  it('keeps emoji and Chinese characters whole', () => {
    expect(initials('Grace Liu')).toBe('GL');
    expect(initials('🦊 Fox')).toBe('🦊F');
    expect(initials('👩‍🔧Mia')).toBe('👩‍🔧M');
    expect(initials('王磊')).toBe('王磊');
    expect(initials('陈静 Chen Jing')).toBe('陈C');
    expect(initials('  ')).toBe('');
  });
});
