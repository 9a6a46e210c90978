import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { InputOf } from '../../../main/api/contract';
import { KB_SUGGEST_MAX } from '../../../main/api/schemas/reports';
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
        // Cut to what the method accepts: a long fault text still finds suggestions, never a 400.
        brand: d.brand?.trim().slice(0, KB_SUGGEST_MAX.brand) || undefined,
        model: d.model?.trim().slice(0, KB_SUGGEST_MAX.model) || undefined,
        problem: d.problem?.trim().slice(0, KB_SUGGEST_MAX.problem) ?? '',
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
