import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../main/api/contract';
import { TimelineList } from '../../tickets/TimelineList';
import { Panel } from './Panel';

/** Who did what and when, newest first. */
export function TimelinePanel({ events, ticketId }: { events: TimelineEvent[]; ticketId: number }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('ticket.timeline')} testId="bench-timeline">
      <TimelineList events={events} ticketId={ticketId} newestFirst withFrom />
    </Panel>
  );
}
