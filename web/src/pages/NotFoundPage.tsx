import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Text>
        There is no page at this address. Go to{' '}
        <Anchor component={Link} to="/participants">
          Participants
        </Anchor>{' '}
        or pick a page on the left.
      </Text>
    </>
  );
}
