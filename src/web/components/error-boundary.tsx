import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page whose code could not be fetched: on a weak link that is a connection problem, not a bug. */
const isLoadFailure = (error: unknown) =>
  error instanceof Error &&
  /dynamically imported module|Importing a module script|Failed to fetch/i.test(error.message);

function ErrorPage({ connection, landmark }: { connection: boolean; landmark: boolean }) {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="xl" component={landmark ? 'main' : 'div'}>
      <Stack>
        <Title order={1}>{connection ? t('error.connectionTitle') : t('error.title')}</Title>
        <Alert color={connection ? 'yellow' : 'red'} variant="light">
          <Text size="sm">{connection ? t('common.offline') : t('error.help')}</Text>
        </Alert>
        <Button w="fit-content" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>
      </Stack>
    </Container>
  );
}

/** `landmark`: the page has no <main> of its own around this boundary. */
type Props = { children: ReactNode; resetKey?: string; landmark?: boolean };
type State = { error: unknown; resetKey?: string };

/**
 * A broken page shows a plain message and a way out, never a stack trace. Going to another page
 * (a new resetKey) tries again, so one broken page does not take the whole app down.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, resetKey: this.props.resetKey };
  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('unknown') };
  }
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: undefined, resetKey: props.resetKey } : null;
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return <ErrorPage connection={isLoadFailure(this.state.error)} landmark={this.props.landmark ?? true} />;
  }
}
