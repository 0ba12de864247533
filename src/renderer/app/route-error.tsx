import { Alert, Button, Container, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';

/** A page failed to draw. Says so plainly, with no technical detail (it could hold personal data). */
export function RouteError() {
  const error = useRouteError();
  console.error('page error', error instanceof Error ? error.name : 'unknown');
  return (
    <Container size={600} py="xl">
      <Stack>
        <Alert color="red" title="This page could not be shown" role="alert">
          Something went wrong while drawing this page. Nothing has been saved or lost because of it. Go back to the home
          page and try again; if it keeps happening, tell your administrator.
        </Alert>
        <Button
          onClick={() => {
            window.location.hash = '#/';
            window.location.reload();
          }}
        >
          Go to the home page
        </Button>
      </Stack>
    </Container>
  );
}
