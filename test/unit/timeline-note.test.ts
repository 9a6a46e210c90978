import { describe, expect, it } from 'vitest';
import { timelineNote } from '../../renderer/src/tickets/timelineNote';

const zh: Record<string, string> = {
  'approval.channel.phone': '电话',
  'approval.channel.in_person': '到店',
  'timelinePart.fitted': '已安装',
  'timelinePart.reserved': '已预留',
  'timelinePart.returnedFaulty': '已退回库存（故障件）',
};
const t = (key: string, o?: Record<string, unknown>) =>
  key === 'timelineMinutes'
    ? `${String(o?.count)} 分钟`
    : key === 'timelinePart.removed'
      ? `拆下旧件 ${String(o?.serial)}`
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

  it('reads a part line as the window language: verb and removed part, names and serials as written', () => {
    expect(
      timelineNote(
        t,
        'part',
        'fitted: P-000004 Huawei MateBook 14 Mainboard 主板 ×1 (SN4-1), removed SN-OLD-77',
      ),
    ).toBe('已安装: P-000004 Huawei MateBook 14 Mainboard 主板 ×1 (SN4-1) · 拆下旧件 SN-OLD-77');
    expect(timelineNote(t, 'part', 'reserved: P-000003 Back glass ×1')).toBe(
      '已预留: P-000003 Back glass ×1',
    );
    expect(timelineNote(t, 'part', 'returned (faulty): P-1 Screen: cracked')).toBe(
      '已退回库存（故障件）: P-1 Screen: cracked',
    );
  });
});
