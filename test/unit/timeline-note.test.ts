import { describe, expect, it } from 'vitest';
import { timelineNote } from '../../renderer/src/tickets/timelineNote';

const zh: Record<string, string> = {
  'approval.channel.phone': '电话',
  'approval.channel.in_person': '到店',
};
const t = (key: string, o?: Record<string, unknown>) =>
  key === 'timelineMinutes'
    ? `${String(o?.count)} 分钟`
    : (zh[key] ?? String(o?.defaultValue ?? key));

describe('timeline notes written by the backend, read in Chinese', () => {
  it('translates the approval channel and the work minutes, keeps the person’s words', () => {
    expect(timelineNote(t, 'approved', 'phone: 客户同意')).toBe('电话: 客户同意');
    expect(timelineNote(t, 'declined', 'in_person')).toBe('到店');
    expect(timelineNote(t, 'work', '45 min: 更换屏幕')).toBe('45 分钟: 更换屏幕');
    expect(timelineNote(t, 'work', '45 min')).toBe('45 分钟');
    // Other kinds and unknown prefixes stay as written.
    expect(timelineNote(t, 'note', 'phone: call back')).toBe('phone: call back');
    expect(timelineNote(t, 'approved', 'fax: yes')).toBe('fax: yes');
  });
});
