import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { InputOf } from '../../../main/api/contract';
import { call } from '../api/client';

export function useKbSearch(q: string, model: string) {
  const [dq] = useDebouncedValue(q.trim(), 150);
  const [dm] = useDebouncedValue(model.trim(), 150);
  return useQuery({
    queryKey: ['kb', 'search', dq, dm],
    queryFn: () => call('kb.search', { q: dq, model: dm || undefined, limit: 30 }),
    placeholderData: (prev) => prev,
  });
}

export function useKbArticle(id: number | null) {
  return useQuery({
    queryKey: ['kb', 'article', id],
    queryFn: () => call('kb.get', { id: id! }),
    enabled: id !== null,
  });
}

/** Suggestions from the device model and the problem text, for intake and the bench. */
export function useKbSuggest(input: {
  brand?: string;
  model?: string;
  problem?: string;
  ticketId?: number;
}) {
  const [d] = useDebouncedValue(input, 300);
  const has = !!(d.ticketId || d.model?.trim() || (d.problem?.trim().length ?? 0) >= 2);
  return useQuery({
    queryKey: ['kb', 'suggest', d],
    queryFn: () =>
      call('kb.suggest', {
        brand: d.brand?.trim() || undefined,
        model: d.model?.trim() || undefined,
        problem: d.problem?.trim() ?? '',
        ticketId: d.ticketId,
        limit: 5,
      }),
    enabled: has,
    placeholderData: (prev) => prev,
  });
}

export function useKbSave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'kb.save'>) => call('kb.save', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['kb'] }),
  });
}
