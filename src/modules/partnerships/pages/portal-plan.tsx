// The joint action plan as a party organisation sees it in the portal: all of it, with progress
// notes on the actions the organisation owns (issue 4 item 9).
import { Stack } from '@mantine/core';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { PlanActions, PlanSummary, usePlan } from './plan-tab.tsx';

export function PortalPlan({
  organisationId,
  partnershipId,
}: {
  organisationId: string;
  partnershipId: string;
}) {
  const base = `/partnerships/portal/${organisationId}/${partnershipId}/plan`;
  const plan = usePlan(base);
  if (!plan.data) return <ProblemAlert error={plan.error} />;
  return (
    <Stack gap="md">
      <PlanSummary plan={plan.data} />
      <PlanActions
        plan={plan.data}
        notePath={(action) =>
          action.owner.organisationId === organisationId ? `${base}/actions/${action.id}/notes` : null
        }
      />
    </Stack>
  );
}

export default PortalPlan;
