import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { afterKeys, errorMessage, getThankYou } from '../api/index.ts';
import classes from './ThankYouCardPage.module.css';

/** The thank-you laid out on a note card, to print and copy by hand (or to write on directly). */
export function ThankYouCardPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: afterKeys.thankYou(id), queryFn: ({ signal }) => getThankYou(id, signal) });
  useDocumentTitle('Thank-you card · Rapport');
  return (
    <div className={classes.sheet}>
      <Group className={classes.noPrint} gap="sm" justify="center">
        <Button component={Link} to={`/interviews/${id}`} variant="default" leftSection={<IconArrowLeft size={16} />}>
          Back to the interview
        </Button>
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} disabled={!query.data}>
          Print
        </Button>
      </Group>
      {query.error ? (
        <Alert color="red" className={classes.noPrint}>
          {errorMessage(query.error)}
        </Alert>
      ) : query.data ? (
        <article className={classes.card} aria-label="Thank-you card">
          {query.data.body}
        </article>
      ) : (
        <Loader />
      )}
      <Text size="xs" c="dimmed" className={classes.noPrint} ta="center" maw={420}>
        Prints on a 6 × 4¼ in card. Copy it out by hand for a personal touch, then mark the thank-you as sent on the interview.
      </Text>
    </div>
  );
}
