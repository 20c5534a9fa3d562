import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert, CheckboxGroup, SelectField, SubmitButton, TextField, useFormSubmit } from '../../ui/forms';
import { InvitationsList, type LinkState, LinkStateLine } from '../account/link-state';
import { useQueryResource } from '../../hooks';
import { useSession } from '../../session';
import { assignableRoles, type RoleName, roleOptions } from '../../vocabulary';
import { authorityLabel, Panel } from './shared';
import { everyAuthorityQuery, networksQuery } from '../../api/queries';

export function InviteSection() {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const roles = session.status === 'signed-in' ? assignableRoles(session.user.role) : [];
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<RoleName>('focal_point');
  const [authorityId, setAuthorityId] = useState('');
  const [networkIds, setNetworkIds] = useState<string[]>([]);
  const [created, setCreated] = useState<LinkState | null>(null);
  const [version, setVersion] = useState(0);
  const {
    formRef,
    errors,
    error,
    busy,
    submit: send,
  } = useFormSubmit(['email', 'role', 'authorityId', 'networkIds'], { fixErrors: true });
  const authorities = useQueryResource(everyAuthorityQuery()).resource;
  const networks = useQueryResource(networksQuery()).resource;
  const member = role === 'focal_point' || role === 'coordinator';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      const body = member
        ? { email: email.trim(), role, authorityId: authorityId || undefined, networkIds }
        : { email: email.trim(), role };
      setCreated(await unwrap(api.POST('/api/invitations', { body })));
      setEmail('');
      setNetworkIds([]);
      setVersion((n) => n + 1);
    });
  };

  return (
    <Panel title={t('admin.invite')}>
      <p className="muted">{t('admin.inviteIntro')}</p>
      {created && (
        <div role="status" data-testid="invitation-created">
          <p className="strong">{t('links.invitationSent', { email: created.email })}</p>
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
          label={t('admin.email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          testId="invite-email"
        />
        <SelectField
          id={`${id}-role`}
          field="role"
          label={t('admin.role')}
          options={roleOptions(t, roles)}
          value={role}
          onChange={(event) => setRole(roles.find((entry) => entry === event.target.value) ?? 'focal_point')}
          error={errors.role}
          testId="invite-role"
        />
        {member && (
          <>
            <SelectField
              id={`${id}-authority`}
              field="authorityId"
              label={t('admin.authority')}
              placeholder={t('admin.chooseAuthority')}
              options={
                authorities.status === 'ready'
                  ? authorities.data.map((authority) => ({ value: authority.id, label: authorityLabel(authority) }))
                  : []
              }
              value={authorityId}
              onChange={(event) => setAuthorityId(event.target.value)}
              error={errors.authorityId}
              testId="invite-authority"
            />
            <CheckboxGroup
              id={`${id}-networks`}
              field="networkIds"
              legend={t('admin.networksLabel')}
              options={
                networks.status === 'ready'
                  ? networks.data.map((network) => ({ value: network.id, label: network.name }))
                  : []
              }
              value={networkIds}
              onChange={setNetworkIds}
              error={errors.networkIds}
              testId="invite-networks"
            />
          </>
        )}
        <div className="form__actions">
          <SubmitButton
            busy={busy}
            label={t('admin.sendInvite')}
            busyLabel={t('common.working')}
            testId="invite-submit-admin"
          />
        </div>
      </form>
      <h3>{t('links.list')}</h3>
      <InvitationsList decide version={version} />
    </Panel>
  );
}
