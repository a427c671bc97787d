import '@mantine/core/styles/Menu.css';
import { ActionIcon, Anchor, Box, Card, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { LevelBadge, MoveDialog } from './shared.tsx';
import type { Board, LifecycleState, PartnershipSummary } from './types.ts';

/**
 * One column per lifecycle state; the board scrolls sideways inside itself, so a phone shows one
 * column at a time and the page itself never grows wider than the screen.
 */
export default function PartnershipBoardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const board = useQuery({
    queryKey: ['partnerships', 'board'],
    queryFn: () => get<Board>('/partnerships/board'),
  });
  const [moving, setMoving] = useState<{ partnership: PartnershipSummary; to: LifecycleState } | null>(null);
  const canMove = can(me, 'partnerships:edit');
  return (
    <Stack>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <PageHeading>{t('partnerships.board.title')}</PageHeading>
      <ProblemAlert error={board.error} />
      {board.isLoading && <PageLoader />}
      <Box style={{ overflowX: 'auto' }} pb="sm">
        <Group align="start" wrap="nowrap" gap="sm">
          {board.data?.columns.map((column) => (
            <Paper
              key={column.state}
              withBorder
              p="xs"
              component="section"
              aria-labelledby={`column-${column.state}`}
              w={260}
              style={{ flexShrink: 0 }}
              bg="gray.0"
            >
              <Title order={2} size="h5" id={`column-${column.state}`} mb="xs">
                {t(`partnerships.state.${column.state}`)} ({column.items.length})
              </Title>
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {column.items.map((partnership) => (
                  <Card key={partnership.id} withBorder padding="xs" component="li">
                    <Group justify="space-between" wrap="nowrap" align="start" gap={4}>
                      <Anchor
                        component={Link}
                        href={`/partnerships/${partnership.id}`}
                        size="sm"
                        fw={600}
                        style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                      >
                        {partnership.title}
                      </Anchor>
                      {canMove && partnership.allowedMoves.length > 0 && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="dark"
                              aria-label={t('partnerships.board.moveMenu', { title: partnership.title })}
                            >
                              <span aria-hidden>⋮</span>
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Label>{t('partnerships.board.moveTo')}</Menu.Label>
                            {partnership.allowedMoves.map((to) => (
                              <Menu.Item key={to} onClick={() => setMoving({ partnership, to })}>
                                {t(`partnerships.state.${to}`)}
                              </Menu.Item>
                            ))}
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {partnership.parties.map((party) => party.legalName).join(' · ')}
                    </Text>
                    <Box mt={4}>
                      <LevelBadge level={partnership.level} />
                    </Box>
                  </Card>
                ))}
              </Stack>
            </Paper>
          ))}
        </Group>
      </Box>
      {moving && (
        <MoveDialog partnership={moving.partnership} to={moving.to} onClose={() => setMoving(null)} />
      )}
    </Stack>
  );
}
