import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Alert, Notice } from '../../ui/forms';
import { Badge, LoadError, Loading } from '../../ui/ui';
import { useBusy, useQueryResource } from '../../hooks';
import { roleLabel } from '../../vocabulary';
import { networkQuery } from '../../api/queries';

export type AuthoritySummary = Answer<'/api/authorities', 'get'>['items'][number];
export type NetworkDetail = Answer<'/api/networks/{id}', 'get'>;
export type Member = NetworkDetail['members'][number];

/** A titled part of a page: an h2 (or h3 inside a section) and its content. */
export function Panel({
  title,
  level = 2,
  children,
  testId,
}: {
  title: string;
  level?: 2 | 3;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="panel" aria-labelledby={id} data-testid={testId}>
      <Heading id={id}>{title}</Heading>
      {children}
    </section>
  );
}

export function authorityLabel(authority: AuthoritySummary): string {
  return `${authority.name} (${authority.state.name})`;
}

/** The members of a network, each with a button to remove them (for whoever may). */
export function MembersList({
  networkId,
  onChanged,
  canRemove = () => true,
}: {
  networkId: string;
  onChanged?: () => void;
  /** Whether to offer removing this member (the API has the last word). */
  canRemove?: (member: Member) => boolean;
}) {
  const { t } = useTranslation();
  const { resource, reload, update } = useQueryResource(networkQuery(networkId));
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, run] = useBusy();

  const remove = (member: Member) =>
    run(async () => {
      setError(null);
      setNotice('');
      try {
        await unwrap(
          api.DELETE('/api/networks/{id}/members/{userId}', { params: { path: { id: networkId, userId: member.id } } }),
        );
        update((network) => ({ ...network, members: network.members.filter((entry) => entry.id !== member.id) }));
        setNotice(t('admin.memberRemoved', { name: member.displayName }));
        onChanged?.();
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  const { members } = resource.data;
  return (
    <div className="stack-sm" data-testid="members">
      {error && <Alert>{error}</Alert>}
      {members.length === 0 ? (
        <p className="muted">{t('admin.noMembers')}</p>
      ) : (
        <ul className="rows">
          {members.map((member) => (
            <li key={member.id} className="row" data-testid="member">
              <div className="row__main">
                <p className="strong">
                  <bdi>{member.displayName}</bdi>{' '}
                  {member.networkRole === 'coordinator' && <Badge>{t('roles.coordinator')}</Badge>}
                </p>
                <p className="muted break">
                  <bdi>{member.email}</bdi> · {roleLabel(member.role, t)}
                  {member.authority && (
                    <>
                      {' · '}
                      <bdi>{member.authority.name}</bdi> ({member.authority.stateCode})
                    </>
                  )}
                </p>
              </div>
              {canRemove(member) && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void remove(member)}
                  aria-disabled={busy || undefined}
                >
                  {t('common.remove')}
                  <span className="visually-hidden"> {member.displayName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Notice>{notice}</Notice>
    </div>
  );
}
