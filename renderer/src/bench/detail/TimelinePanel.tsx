import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../main/api/contract';
import { TimelineList } from '../../tickets/TimelineList';
import { Panel } from './Panel';

/** Who did what and when, newest first. */
export function TimelinePanel({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('ticket.timeline')} testId="bench-timeline">
      <TimelineList events={events} newestFirst withFrom />
    </Panel>
  );
}
