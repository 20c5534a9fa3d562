import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/forms';
import { PageHeading } from '../../ui/ui';
import { Link } from '../../router';
import { useSession } from '../../session';
import { AuditSection } from './AuditSection';
import { AuthoritiesSection } from './AuthoritiesSection';
import { InviteSection } from './InviteSection';
import { JobsSection } from './JobsSection';
import { MailSection } from './MailSection';
import { NetworksSection } from './NetworksSection';
import { StatesSection } from './StatesSection';
import { UsersSection } from './UsersSection';

export const ADMIN_SECTIONS = [
  'users',
  'invite',
  'states',
  'authorities',
  'networks',
  'audit',
  'jobs',
  'mail',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** Sections for the role 'admin' only (the secretariat sees the others). */
const ADMIN_ONLY: ReadonlySet<AdminSection> = new Set(['audit', 'jobs', 'mail']);

export function AdminPage({ section }: { section: AdminSection }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.status === 'signed-in' ? session.user.role : null;
  const isAdmin = role === 'admin';
  const sections = ADMIN_SECTIONS.filter((entry) => isAdmin || !ADMIN_ONLY.has(entry));
  const name = t(`admin.${section}`);

  return (
    <>
      <PageHeading title={t('admin.title')} documentTitle={`${name} – ${t('admin.title')}`} />
      <nav className="subnav" aria-label={t('admin.sections')}>
        <ul className="subnav__list">
          {sections.map((entry) => (
            <li key={entry}>
              <Link
                className="subnav__link"
                href={`/admin/${entry}`}
                aria-current={entry === section ? 'page' : undefined}
                data-testid={`admin-tab-${entry}`}
              >
                {t(`admin.${entry}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-section" data-testid={`admin-${section}`}>
        {section === 'users' && <UsersSection />}
        {section === 'invite' && <InviteSection />}
        {section === 'states' && <StatesSection />}
        {section === 'authorities' && <AuthoritiesSection />}
        {section === 'networks' && <NetworksSection />}
        {ADMIN_ONLY.has(section) && !isAdmin && <Alert>{t('errors.forbidden')}</Alert>}
        {section === 'audit' && isAdmin && <AuditSection />}
        {section === 'jobs' && isAdmin && <JobsSection />}
        {section === 'mail' && isAdmin && <MailSection />}
      </div>
    </>
  );
}
