/** User-perceived characters: an emoji or a flag stays whole (never half a surrogate pair). */
function graphemes(s: string): string[] {
  const Seg = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Seg)
    return [...new Seg(undefined, { granularity: 'grapheme' }).segment(s)].map((x) => x.segment);
  return Array.from(s);
}

/** Two letters for an avatar: the first of two words, else the first two of one. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '';
  const picked =
    words.length > 1
      ? [graphemes(words[0])[0], graphemes(words[1])[0]]
      : graphemes(words[0]).slice(0, 2);
  return picked.join('').toUpperCase();
}
