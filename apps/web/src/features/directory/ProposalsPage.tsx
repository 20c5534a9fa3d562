import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { queryKeys } from '../../api/query-keys';
import { formatDateTime } from '../../format';
import { useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, navigate, useSearch, withQuery } from '../../router';
import { useSession } from '../../session';
import { Alert, SelectField, SubmitButton, TextAreaField, useFormSubmit } from '../../ui/forms';
import { isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../ui/ui';
import { DiffTable, fieldLabel } from './editing';

type Proposal = Answer<'/api/directory/proposals/{id}', 'get'>;
const STATUSES = ['pending', 'stale', 'approved', 'rejected'] as const;
const STAFF = ['admin', 'secretariat'];

/** The review queue (the secretariat) or the proposals one may follow (focal points). */
export function ProposalsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const id = useId();
  const search = new URLSearchParams(useSearch());
  const status = (STATUSES as readonly string[]).includes(search.get('status') ?? '')
    ? (search.get('status') as (typeof STATUSES)[number])
    : 'pending';
  const { resource, reload } = useResource(['directory', 'proposals', status], (signal) =>
    unwrap(api.GET('/api/directory/proposals', { params: { query: { status, limit: 100 } }, signal })),
  );
  return (
    <>
      <PageHeading title={t('editing.queueTitle')}>
        <p className="page-lead">{t('editing.queueIntro')}</p>
      </PageHeading>
      <div className="inline-form">
        <SelectField
          id={`${id}-status`}
          field="status"
          label={t('editing.statusFilter')}
          options={STATUSES.map((value) => ({ value, label: t(`editing.status_${value}`) }))}
          value={status}
          onChange={(event) => navigate(withQuery('/directory/proposals', { status: event.target.value }))}
          testId="proposal-status"
        />
      </div>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted">{t('editing.noProposals')}</p>
        ) : (
          <ul className="plain-list cards" data-testid="proposal-list">
            {resource.data.items.map((item) => (
              <li key={item.id} className="panel">
                <Link href={`/directory/proposals/${item.id}`} className="strong">
                  {item.authority.name}
                </Link>{' '}
                <span className="muted">({item.authority.state.name})</span>
                <br />
                {t('editing.proposedBy', {
                  name: item.proposer.displayName,
                  date: formatDateTime(item.createdAt, language, zone),
                })}
                <br />
                <span className="muted">{item.fields.map((field) => fieldLabel(field, t)).join(', ')}</span>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

/** Each conflicting field: the secretariat keeps the current value or takes the proposed one. */
type Choice = 'proposed' | 'current';

/** The edits the approval sends: chosen values, with the contact sent whole as the API reads it. */
function editsOf(proposal: Proposal, choices: Record<string, Choice>): Record<string, unknown> | undefined {
  const chosen = proposal.diff.filter((row) => row.conflict);
  if (chosen.length === 0) return undefined;
  const value = (row: Proposal['diff'][number]) =>
    (choices[row.field] ?? 'proposed') === 'proposed' ? row.proposed : row.current;
  const edits: Record<string, unknown> = {};
  for (const row of chosen) if (!row.field.startsWith('contact.')) edits[row.field] = value(row);
  if (chosen.some((row) => row.field.startsWith('contact.'))) {
    // Only the contact sub-fields decided here: the API merges the others as proposed.
    const contact: Record<string, unknown> = {};
    for (const row of chosen.filter((entry) => entry.field.startsWith('contact.')))
      contact[row.field.slice('contact.'.length)] = value(row);
    edits.contact = contact;
  }
  return edits;
}

function Decide({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const { formRef: approveRef, error: approveError, busy: approving, submit: submitApproval } = useFormSubmit([]);
  const {
    formRef: rejectRef,
    errors: rejectErrors,
    error: rejectError,
    busy: rejecting,
    submit: submitRejection,
    invalid: invalidRejection,
  } = useFormSubmit(['reason'], { fixErrors: true });
  const conflicts = proposal.diff.filter((row) => row.conflict);
  const onApprove = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submitApproval(async () => {
      await unwrap(
        api.POST('/api/directory/proposals/{id}/approve', {
          params: { path: { id: proposal.id } },
          body: { edits: editsOf(proposal, choices) as never },
        }),
      );
      onDone();
    });
  };
  const onReject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      invalidRejection({ reason: t('editing.reasonRequired') });
      return;
    }
    void submitRejection(async () => {
      await unwrap(
        api.POST('/api/directory/proposals/{id}/reject', {
          params: { path: { id: proposal.id } },
          body: { reason: reason.trim() },
        }),
      );
      onDone();
    });
  };
  return (
    <div className="stack">
      <form ref={approveRef} className="form panel" onSubmit={onApprove} noValidate aria-busy={approving}>
        {approveError && <Alert testId="approve-error">{approveError}</Alert>}
        {conflicts.map((row) => (
          <fieldset key={row.field} className="checkbox-group">
            <legend>{fieldLabel(row.field, t)}</legend>
            {(['proposed', 'current'] as const).map((choice) => (
              <div className="checkbox" key={choice}>
                <input
                  type="radio"
                  id={`${id}-${row.field}-${choice}`}
                  name={`${id}-${row.field}`}
                  checked={(choices[row.field] ?? 'proposed') === choice}
                  onChange={() => setChoices({ ...choices, [row.field]: choice })}
                />
                <label htmlFor={`${id}-${row.field}-${choice}`}>
                  {t(choice === 'proposed' ? 'editing.keepProposed' : 'editing.keepCurrent')}
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        <div className="form__actions">
          <SubmitButton
            busy={approving}
            label={conflicts.length ? t('editing.approveWithEdits') : t('editing.approve')}
            busyLabel={t('common.working')}
            testId="approve"
          />
        </div>
      </form>
      <form ref={rejectRef} className="form panel" onSubmit={onReject} noValidate aria-busy={rejecting}>
        {rejectError && <Alert>{rejectError}</Alert>}
        <TextAreaField
          id={`${id}-reason`}
          field="reason"
          label={t('editing.reason')}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          error={rejectErrors.reason}
          testId="reject-reason"
        />
        <div className="form__actions">
          <SubmitButton
            busy={rejecting}
            label={t('editing.reject')}
            busyLabel={t('common.working')}
            testId="reject"
            secondary
          />
        </div>
      </form>
    </div>
  );
}

/** One proposal, three ways: proposed, as it was when proposed, as it is now. */
export function ProposalPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const session = useSession();
  const staff = session.status === 'signed-in' && STAFF.includes(session.user.role);
  const { resource, reload } = useResource(['directory', 'proposal', id], (signal) =>
    unwrap(api.GET('/api/directory/proposals/{id}', { params: { path: { id } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  const proposal = resource.data;
  const open = proposal.status === 'pending' || proposal.status === 'stale';
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: ['directory'] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.authorities.all() });
    reload();
  };
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/directory/${proposal.authority.id}`}>{proposal.authority.name}</Link>
        {staff && (
          <>
            {' · '}
            <Link href="/directory/proposals">{t('editing.proposals')}</Link>
          </>
        )}
      </p>
      <PageHeading title={t('editing.proposalTitle', { name: proposal.authority.name })}>
        <p className="page-lead">
          {t('editing.proposedBy', {
            name: proposal.proposer.displayName,
            date: formatDateTime(proposal.createdAt, language, zone),
          })}
        </p>
        <p className="badges">
          <span
            className={`badge badge--${proposal.status === 'approved' ? 'ok' : proposal.status === 'pending' ? 'warn' : 'bad'}`}
            data-testid="proposal-status-badge"
            data-status={proposal.status}
          >
            {t(`editing.status_${proposal.status}`)}
          </span>
        </p>
      </PageHeading>
      {proposal.status === 'stale' && <p className="demo-notice">{t('editing.staleNotice')}</p>}
      {proposal.decidedBy && proposal.decidedAt && (
        <p>
          {t('editing.decided', {
            name: proposal.decidedBy.displayName,
            date: formatDateTime(proposal.decidedAt, language, zone),
          })}
          {proposal.reason && (
            <>
              <br />
              {t('editing.rejectedBecause', { reason: proposal.reason })}
            </>
          )}
        </p>
      )}
      <DiffTable
        testId="proposal-diff"
        columns={[t('editing.theirValue'), t('editing.oldValue'), t('editing.currentValue')]}
        rows={proposal.diff.map((row) => ({
          field: row.field,
          values: [row.proposed, row.base, row.current],
          highlight: row.conflict,
        }))}
      />
      {staff && open && <Decide proposal={proposal} onDone={done} />}
      {!staff && proposal.status === 'stale' && (
        <p className="actions">
          <Link className="button button--primary" href={`/directory/${proposal.authority.id}/propose`}>
            {t('editing.resubmit')}
          </Link>
        </p>
      )}
    </>
  );
}
