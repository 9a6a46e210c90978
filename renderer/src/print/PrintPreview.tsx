import { useMemo } from 'react';
import { Badge, Box, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import bwipjs from 'bwip-js/browser';
import { useTranslation } from 'react-i18next';
import type { PrintDocument, PrintJobDto, PrintLine } from '../../../main/api/contract';
import classes from './PrintPreview.module.css';
import { deviceTextOf } from '../devices/device-text';
import { call } from '../api/client';

/** On-screen pixels per printed millimetre. */
const PX_PER_MM = { receipt: 3.6, label: 4.2 };

function Barcode({
  symbology,
  data,
  height,
}: {
  symbology: 'code128' | 'qrcode';
  data: string;
  height: number;
}) {
  const src = useMemo(() => {
    try {
      const svg = bwipjs.toSVG({
        bcid: symbology,
        text: data,
        height: symbology === 'qrcode' ? undefined : height,
        scale: 2,
        includetext: false,
      });
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    } catch {
      return null;
    }
  }, [symbology, data, height]);
  if (!src) return <Text size="xs">{data}</Text>;
  return <img className={classes.barcode} src={src} alt={data} data-testid="preview-barcode" />;
}

/** The shop logo as the printer will get it at print time (a setting, not part of the job). */
function Logo() {
  const q = useQuery({
    queryKey: ['settings'],
    queryFn: () => call('settings.get', {}),
    staleTime: 60_000,
  });
  const src = q.data?.['shop.logo'];
  if (typeof src !== 'string' || !src) return null;
  return (
    <div className={classes.center}>
      <Image src={src} alt="" w="60%" mah={64} fit="contain" mx="auto" data-testid="preview-logo" />
    </div>
  );
}

function Line({ line, kind }: { line: PrintLine; kind: PrintDocument['kind'] }) {
  switch (line.type) {
    case 'logo':
      return <Logo />;
    case 'rule':
      return <div className={classes.rule} />;
    case 'pair':
      return (
        <div className={classes.pair}>
          <span>{line.left}</span>
          <span className={classes.right}>{line.right}</span>
        </div>
      );
    case 'barcode':
      return (
        <div className={classes.center}>
          <Barcode symbology={line.symbology} data={line.data} height={kind === 'label' ? 7 : 9} />
        </div>
      );
    case 'text':
      return (
        <div
          className={classes.text}
          style={{
            textAlign: line.align ?? 'left',
            fontWeight: line.bold ? 700 : 400,
            fontSize: line.size === 2 ? '1.35em' : undefined,
          }}
        >
          {line.text}
        </div>
      );
  }
}

/** Paper-like preview of a print document, from the same layout the printer gets. */
export function DocumentPreview({ doc }: { doc: PrintDocument }) {
  const scale = PX_PER_MM[doc.kind] ?? 3.6;
  return (
    <div
      className={doc.kind === 'label' ? `${classes.paper} ${classes.label}` : classes.paper}
      style={{
        width: doc.widthMm * scale,
        minHeight: doc.heightMm ? doc.heightMm * scale : undefined,
      }}
      data-testid={`preview-${doc.kind}`}
    >
      {doc.lines.map((l, i) => (
        <Line key={i} line={l} kind={doc.kind} />
      ))}
    </div>
  );
}

export function PrintJobCard({ job }: { job: PrintJobDto }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="print-job">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t(`printKind.${job.kind}`, { defaultValue: job.kind })}
        </Text>
        <Badge
          size="xs"
          variant="light"
          color={job.status === 'failed' ? 'red' : job.status === 'done' ? 'green' : 'gray'}
        >
          {t(`printStatus.${job.status}`, { defaultValue: job.status })}
        </Badge>
        <Text size="xs" c="dimmed">
          {job.document.widthMm}
          {job.document.heightMm ? ` × ${job.document.heightMm}` : ''} mm
        </Text>
      </Group>
      {job.lastError && (
        <Text size="xs" c="red">
          {deviceTextOf(t, job.lastError)}
        </Text>
      )}
      <Paper p="sm" radius="sm" className={classes.desk}>
        <Box>
          <DocumentPreview doc={job.document} />
        </Box>
      </Paper>
    </Stack>
  );
}
