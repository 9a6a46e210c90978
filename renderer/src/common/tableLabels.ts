import { useTranslation } from 'react-i18next';

/**
 * mantine-datatable's own words (pagination buttons, selection boxes) in the window's language;
 * spread into every DataTable that pages or selects, since the library's defaults are English.
 */
export function useTableLabels() {
  const { t } = useTranslation();
  return {
    paging: {
      getPaginationControlProps: (control: 'first' | 'last' | 'previous' | 'next') =>
        control === 'previous'
          ? { 'aria-label': t('table.previousPage') }
          : control === 'next'
            ? { 'aria-label': t('table.nextPage') }
            : {},
    },
    selection: {
      allRecordsSelectionCheckboxProps: { 'aria-label': t('table.selectAll') },
      getRecordSelectionCheckboxProps: (_r: unknown, i: number) => ({
        'aria-label': t('table.selectRow', { n: i + 1 }),
      }),
    },
  };
}
