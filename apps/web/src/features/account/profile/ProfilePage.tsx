import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { LoadError, Loading, PageHeading } from '../../../ui/ui';
import { useResource } from '../../../hooks';
import { updateUser, useSession } from '../../../session';
import { roleLabel } from '../../../vocabulary';
import { queryKeys } from '../../../api/query-keys';
import { DetailsForm } from './DetailsForm';
import { EmailPreferences } from './EmailPreferences';
import { Section } from './Section';
import { ChangePassword, RecoveryCodes } from './Security';
import { Sessions } from './Sessions';

export function ProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { resource, reload, update } = useResource(queryKeys.account.me(), (signal) =>
    unwrap(api.GET('/api/auth/me', { signal })),
  );
  const role = session.status === 'signed-in' ? session.user.role : null;

  return (
    <>
      <PageHeading title={t('profile.title')} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <div className="layout">
          <div className="stack">
            <Section title={t('profile.details')} testId="profile-details">
              <dl className="facts">
                <div className="facts__item">
                  <dt>{t('profile.email')}</dt>
                  <dd>{resource.data.email}</dd>
                </div>
                <div className="facts__item">
                  <dt>{t('profile.role')}</dt>
                  <dd>{roleLabel(role, t)}</dd>
                </div>
              </dl>
              <DetailsForm
                key={session.status === 'signed-in' ? session.user.locale : ''}
                me={resource.data}
                onSaved={(saved) => {
                  update(() => saved);
                  updateUser(saved);
                }}
              />
            </Section>
            <Section title={t('profile.emailNotifications')} testId="profile-notifications">
              <EmailPreferences />
            </Section>
            <Section title={t('profile.sessions')} testId="profile-sessions">
              <Sessions />
            </Section>
          </div>
          <div className="stack">
            <Section title={t('profile.recovery')} testId="profile-recovery">
              <RecoveryCodes me={resource.data} onChanged={reload} />
            </Section>
            <Section title={t('profile.password')} testId="profile-password">
              <ChangePassword me={resource.data} />
            </Section>
          </div>
        </div>
      )}
    </>
  );
}
