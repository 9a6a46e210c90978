import { describe, expect, it } from 'vitest';
import { nulPath } from '../../main/api/nul-text';

/** 200 levels, each holding the level below twice: 2^200 paths, 400 objects. */
function shared(levels: number, bottom: unknown): unknown {
  let v = bottom;
  for (let i = 0; i < levels; i++) v = { a: v, b: [v] };
  return v;
}

describe('where a NUL character hides in an input', () => {
  it('names the first text holding one, through objects and arrays', () => {
    expect(nulPath({ customer: { name: 'Zhou', notes: ['ok', 'a\u0000b'] } })).toBe(
      'customer.notes.1',
    );
    expect(nulPath('\u0000')).toBe('');
    expect(nulPath({ name: 'Zhou', tags: ['a', 'b'], n: 1, none: null })).toBeNull();
  });

  it('looks into a child shared under many parents once (an input cloned over IPC)', () => {
    expect(nulPath(shared(200, 'bottom'))).toBeNull();
    expect(nulPath(shared(200, 'x\u0000'))).toBe(Array(200).fill('a').join('.'));
  });

  it('comes back from an input that holds itself', () => {
    const loop: Record<string, unknown> = { name: 'x' };
    loop.self = loop;
    loop.list = [loop, { deeper: loop }];
    expect(nulPath(loop)).toBeNull();
    loop.note = 'a\u0000';
    expect(nulPath(loop)).toBe('note');
  });
});
