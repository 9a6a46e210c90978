import { Button, Group, SegmentedControl } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { today } from './reportsApi';

export type PdfLang = 'en' | 'zh';

/** The strip above a day's report: which day, the PDF's language, the PDF and Print. Hidden
 * when printing. */
export function ReportToolbar(props: {
  date: string;
  onDate(date: string): void;
  lang: PdfLang;
  onLang(lang: PdfLang): void;
  pdfLabel: string;
  pdfBusy: boolean;
  onPdf(): void;
  /** Prefix of the test ids: `<id>-date`, `<id>-pdf`, `<id>-print`. */
  id: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="end" data-noprint>
      <DateInput
        label={t('reports.daily.date')}
        value={props.date}
        onChange={(d) => d && props.onDate(String(d))}
        valueFormat="YYYY-MM-DD"
        maxDate={today()}
        w={160}
        data-testid={`${props.id}-date`}
      />
      <Group gap="xs" align="end">
        <SegmentedControl
          aria-label={t('reports.daily.pdfLanguage')}
          value={props.lang}
          onChange={(l) => props.onLang(l as PdfLang)}
          data={[
            { value: 'en', label: 'EN' },
            { value: 'zh', label: '中文' },
          ]}
        />
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={props.pdfBusy}
          onClick={props.onPdf}
          data-testid={`${props.id}-pdf`}
        >
          {props.pdfLabel}
        </Button>
        <Button
          leftSection={<IconPrinter size={16} />}
          onClick={() => window.print()}
          data-testid={`${props.id}-print`}
        >
          {t('reports.daily.print')}
        </Button>
      </Group>
    </Group>
  );
}
