import { Button } from '@mantine/core';
import { IconDeviceMobile } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Interview } from '@shared/plan-api.ts';

/** The way into meeting mode, for a meeting that is set or was just held. */
export function MeetingModeButton({ interview }: { interview: Pick<Interview, 'id' | 'stage'> }) {
  if (interview.stage !== 'scheduled' && interview.stage !== 'confirmed' && interview.stage !== 'held') return null;
  return (
    <Button component={Link} to={`/interviews/${interview.id}/meet`} leftSection={<IconDeviceMobile size={16} />}>
      Meeting mode
    </Button>
  );
}
