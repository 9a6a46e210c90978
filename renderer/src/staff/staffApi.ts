import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { InputOf, MethodName, OutputOf } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';

/** Staff queries live under ['staff', …]: `staff.changed` events refresh them (shell/events.ts). */
export const staffKeys = { list: ['staff', 'list'] as const };

export function useStaffRows() {
  return useQuery({ queryKey: staffKeys.list, queryFn: () => call('staff.list', {}) });
}

/** A staff write: the list and every staff picker refresh; field errors stay with the form. */
export function useStaffCall<K extends MethodName>(name: K) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const m = useMutation({
    mutationFn: (input: InputOf<K>) => call(name, input),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['staff'] });
      void qc.invalidateQueries({ queryKey: ['auth.staff'] });
    },
    onError: (err) => {
      notifications.show({ color: 'red', message: errorText(t, err), withBorder: true });
    },
  });
  const run: (input: InputOf<K>) => Promise<OutputOf<K>> = m.mutateAsync;
  return { ...m, run };
}
