import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { InvitationsList, type LinkState, LinkStateLine } from '../account/link-state';
import { Alert, SelectField, SubmitButton, TextField, useFormSubmit } from '../../ui/forms';
import { DemoBadge, LoadError, Loading, PageHeading } from '../../ui/ui';
import { useQueryResource } from '../../hooks';
import { useSession } from '../../session';
import { authorityLabel, MembersList, Panel } from '../admin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { everyAuthorityQuery, myNetworksQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';

type Network = Answer<'/api/networks/mine', 'get'>[number];

function InviteFocalPoint({ network, onInvited }: { network: Network; onInvited: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const authorities = useQueryResource(everyAuthorityQuery(network.id)).resource;
  const [email, setEmail] = useState('');
  const [authorityId, setAuthorityId] = useState('');
  const [created, setCreated] = useState<LinkState | null>(null);
  const { formRef, errors, error, busy, submit: send } = useFormSubmit(['email', 'authorityId'], { fixErrors: true });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      setCreated(
        await unwrap(
          api.POST('/api/networks/{id}/invitations', {
            params: { path: { id: network.id } },
            body: { email: email.trim(), authorityId },
          }),
        ),
      );
      setEmail('');
      setAuthorityId('');
      onInvited();
    });
  };

  return (
    <>
      <p className="muted">{t('coordination.inviteIntro')}</p>
      {created && (
        <div role="status" data-testid="coordination-invited">
          <p className="strong">{t('coordination.awaitingApproval', { email: created.email })}</p>
          <LinkStateLine link={created} />
        </div>
      )}
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {error && <Alert>{error}</Alert>}
        <TextField
          id={`${id}-email`}
          field="email"
          type="email"
          autoComplete="off"
          label={t('coordination.email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          testId="coordination-email"
        />
        <SelectField
          id={`${id}-authority`}
          field="authorityId"
          label={t('coordination.authority')}
          placeholder={t('coordination.chooseAuthority')}
          options={
            authorities.status === 'ready'
              ? authorities.data.map((authority) => ({ value: authority.id, label: authorityLabel(authority) }))
              : []
          }
          value={authorityId}
          onChange={(event) => setAuthorityId(event.target.value)}
          error={errors.authorityId}
          testId="coordination-authority"
        />
        <div className="form__actions">
          <SubmitButton
            busy={busy}
            label={t('coordination.submit')}
            busyLabel={t('common.working')}
            testId="coordination-submit"
          />
        </div>
      </form>
    </>
  );
}

function CoordinatedNetwork({ network, onInvited }: { network: Network; onInvited: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="coordinated-network">
      <div className="card__head">
        <h2 id={headingId}>{network.name}</h2>
        {network.demo && <DemoBadge />}
      </div>
      <p className="muted">{network.memberStates.map((state) => state.name).join(', ')}</p>
      <div className="layout">
        <Panel title={t('coordination.members')} level={3}>
          <MembersList
            networkId={network.id}
            canRemove={(member) => member.role === 'focal_point' && member.networkRole === 'member'}
          />
        </Panel>
        <Panel title={t('coordination.invite')} level={3}>
          <InviteFocalPoint
            network={network}
            onInvited={() => {
              void client.invalidateQueries({ queryKey: queryKeys.networks.one(network.id) });
              onInvited();
            }}
          />
        </Panel>
      </div>
    </section>
  );
}

export function CoordinationPage() {
  const { t } = useTranslation();
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  const { resource, reload } = useQueryResource(myNetworksQuery());
  const [invited, setInvited] = useState(0);
  const coordinated =
    resource.status === 'ready'
      ? resource.data.filter((network) => network.coordinators.some((coordinator) => coordinator.id === userId))
      : [];
  return (
    <>
      <PageHeading title={t('coordination.title')}>
        <p className="page-lead">{t('coordination.intro')}</p>
      </PageHeading>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && coordinated.length === 0 && (
        <p className="muted">{t('coordination.noNetworks')}</p>
      )}
      <div className="stack">
        {coordinated.map((network) => (
          <CoordinatedNetwork key={network.id} network={network} onInvited={() => setInvited((n) => n + 1)} />
        ))}
        {coordinated.length > 0 && (
          <Panel title={t('coordination.invitations')} level={2}>
            <p className="muted">{t('coordination.invitationsIntro')}</p>
            <InvitationsList decide={false} version={invited} />
          </Panel>
        )}
      </div>
    </>
  );
}
