import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Alert, Notice, SelectField } from '../../ui/forms';
import { type LinkState, LinkStateLine } from '../account/link-state';
import { Badge, LoadError, Loading } from '../../ui/ui';
import { formatDateTime } from '../../format';
import { useBusy, useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { useSession } from '../../session';
import { assignableRoles, canManage, type RoleName, roleLabel, roleOptions, ROLES } from '../../vocabulary';
import { EndSessionsButton } from './EndSessionsButton';
import { Panel } from './shared';
import { queryKeys } from '../../api/query-keys';

type UserView = Answer<'/api/users', 'get'>[number];
type Status = UserView['status'];

interface Query {
  role: RoleName | '';
  status: Status | '';
  q: string;
}

const STATUSES: readonly Status[] = ['active', 'suspended'];

function isRole(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

function UserRow({
  user,
  actor,
  onChanged,
  onMessage,
}: {
  user: UserView;
  actor: { id: string; role: string };
  onChanged: (user: UserView) => void;
  onMessage: (message: { notice?: string; error?: string }) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const id = useId();
  const [role, setRole] = useState<string>(user.role);
  const [link, setLink] = useState<LinkState | null>(null);
  const [busy, run] = useBusy();
  const manageable = actor.id !== user.id && canManage(actor.role, user.role);
  const roles = assignableRoles(actor.role);

  const act = (task: () => Promise<string>) =>
    run(async () => {
      try {
        onMessage({ notice: await task() });
      } catch (caught) {
        onMessage({ error: messageOf(caught) });
      }
    });

  const suspend = () =>
    act(async () => {
      const path = { params: { path: { id: user.id } } };
      const changed = await unwrap(
        user.status === 'active'
          ? api.POST('/api/users/{id}/suspend', path)
          : api.POST('/api/users/{id}/reinstate', path),
      );
      onChanged(changed);
      return t(changed.status === 'suspended' ? 'admin.userSuspended' : 'admin.userReinstated', {
        name: user.displayName,
      });
    });

  const resetLink = () =>
    act(async () => {
      const issued = await unwrap(api.POST('/api/users/{id}/reset-link', { params: { path: { id: user.id } } }));
      setLink(issued);
      return t('links.resetSent', { email: issued.email });
    });

  const changeRole = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isRole(role) || role === user.role) return;
    void act(async () => {
      const changed = await unwrap(
        api.PATCH('/api/users/{id}/role', { params: { path: { id: user.id } }, body: { role } }),
      );
      onChanged(changed);
      return t('admin.roleChanged', { name: user.displayName, role: roleLabel(changed.role, t) });
    });
  };

  return (
    <li className="row row--wrap" data-testid="user-row">
      <div className="row__main">
        <p className="strong">
          <bdi>{user.displayName}</bdi>{' '}
          <Badge tone={user.status === 'active' ? 'ok' : 'bad'}>{t(`userStatus.${user.status}`)}</Badge>
        </p>
        <p className="muted break">
          <bdi>{user.email}</bdi> · {roleLabel(user.role, t)} · {t('admin.created')}{' '}
          {formatDateTime(user.createdAt, language, zone)}
        </p>
        {link && <LinkStateLine link={link} testId="reset-link-state" />}
      </div>
      {manageable && (
        <div className="row__actions" role="group" aria-label={t('admin.actions', { name: user.displayName })}>
          <button type="button" className="button" onClick={() => void suspend()} aria-disabled={busy || undefined}>
            {user.status === 'active' ? t('admin.suspend') : t('admin.reinstate')}
          </button>
          <EndSessionsButton userId={user.id} onMessage={onMessage} />
          <button type="button" className="button" onClick={() => void resetLink()} aria-disabled={busy || undefined}>
            {link ? t('links.resendReset') : t('admin.resetLink')}
          </button>
          {roles.length > 1 && (
            <form className="inline-form" onSubmit={changeRole}>
              <SelectField
                id={`${id}-role`}
                field="role"
                label={t('admin.newRole')}
                options={roleOptions(t, roles)}
                value={role}
                onChange={(event) => setRole(event.target.value)}
              />
              <button type="submit" className="button" aria-disabled={busy || role === user.role || undefined}>
                {t('admin.changeRole')}
              </button>
            </form>
          )}
        </div>
      )}
    </li>
  );
}

export function UsersSection() {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const [draft, setDraft] = useState<Query>({ role: '', status: '', q: '' });
  const [query, setQuery] = useState<Query>(draft);
  const [message, setMessage] = useState<{ notice?: string; error?: string }>({});
  const key = queryKeys.users.list(query);
  const { resource, reload, update } = useResource(key, (signal) =>
    unwrap(
      api.GET('/api/users', {
        params: {
          query: {
            role: query.role || undefined,
            status: query.status || undefined,
            q: query.q.trim() || undefined,
            limit: 200,
          },
        },
        signal,
      }),
    ),
  );
  if (session.status !== 'signed-in') return null;
  const actor = session.user;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQuery(draft);
  };

  return (
    <Panel title={t('admin.users')}>
      <form className="filters__grid" role="search" aria-label={t('admin.users')} onSubmit={submit}>
        <SelectField
          id={`${id}-role`}
          field="role"
          label={t('admin.role')}
          placeholder={t('admin.anyRole')}
          options={roleOptions(t)}
          value={draft.role}
          onChange={(event) => setDraft({ ...draft, role: isRole(event.target.value) ? event.target.value : '' })}
        />
        <SelectField
          id={`${id}-status`}
          field="status"
          label={t('admin.status')}
          placeholder={t('admin.anyStatus')}
          options={STATUSES.map((status) => ({ value: status, label: t(`userStatus.${status}`) }))}
          value={draft.status}
          onChange={(event) => setDraft({ ...draft, status: isStatus(event.target.value) ? event.target.value : '' })}
        />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-q`}>
            {t('admin.search')}
          </label>
          <input
            id={`${id}-q`}
            className="input"
            type="search"
            value={draft.q}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
        </div>
        <div className="filters__submit">
          <button type="submit" className="button button--primary">
            {t('admin.filter')}
          </button>
        </div>
      </form>
      {message.error && <Alert>{message.error}</Alert>}
      <Notice>{message.notice}</Notice>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.length === 0 ? (
          <p className="muted">{t('admin.noUsers')}</p>
        ) : (
          <ul className="rows" data-testid="users">
            {resource.data.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                actor={actor}
                onMessage={setMessage}
                onChanged={(changed) =>
                  update((users) => users.map((entry) => (entry.id === changed.id ? changed : entry)))
                }
              />
            ))}
          </ul>
        ))}
    </Panel>
  );
}
