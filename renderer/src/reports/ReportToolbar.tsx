import { useState } from 'react';
import { Button, Group, SegmentedControl } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';
import { downloadBase64, today } from './reportsApi';

export type PdfLang = 'en' | 'zh';

/** The day a report screen shows, the PDF's language, and the PDF download; `toolbar` is what
 * ReportToolbar takes. */
export function useReportDay(
  pdf: (date: string, lang: PdfLang) => Promise<{ fileName: string; base64: string }>,
) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(today());
  const [lang, setLang] = useState<PdfLang>(i18n.language === 'zh' ? 'zh' : 'en');
  const download = useMutation({
    mutationFn: () => pdf(date, lang),
    onSuccess: (res) => downloadBase64(res.fileName, res.base64, 'application/pdf'),
    onError: (err) => notifications.show({ color: 'red', message: errorText(t, err) }),
  });
  return {
    date,
    toolbar: {
      date,
      onDate: setDate,
      lang,
      onLang: setLang,
      pdfBusy: download.isPending,
      onPdf: () => download.mutate(),
    },
  };
}

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
