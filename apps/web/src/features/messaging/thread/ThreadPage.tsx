/** A conversation: its subject and where it is, the moderation and participants tools, and its messages. */
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { useResource } from '../../../hooks';
import { Link } from '../../../router';
import { useSession } from '../../../session';
import { isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../../ui/ui';
import { ThreadMarkers, threadWhere } from '../components';
import { Conversation } from './Conversation';
import type { Thread } from './shared';
import { Moderation, Participants } from './ThreadTools';

export function ThreadPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const meId = session.status === 'signed-in' ? session.user.id : null;
  const { resource, reload, update } = useResource(queryKeys.threads.one(id), (signal) =>
    unwrap(api.GET('/api/threads/{id}', { params: { path: { id } }, signal })),
  );

  // Moderated, participants changed: the socket events refetch it (api/query-client.ts).
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  const thread = resource.data;
  const title = thread.subject ?? t('messaging.unreadableSubject');
  const onChange = (next: Thread) => update(() => next);

  return (
    <div className="thread-page">
      <p className="breadcrumb">
        <Link href="/threads" data-testid="back-to-threads">
          {t('messaging.back')}
        </Link>
      </p>
      <PageHeading title={title} testId="thread-subject">
        <p className="page-lead thread-page__where" data-testid="thread-where">
          {threadWhere(thread, t, meId)} <ThreadMarkers thread={thread} />
        </p>
      </PageHeading>
      {(thread.canModerate || thread.kind === 'private') && (
        <div className="thread-page__tools">
          {thread.canModerate && (
            <details className="panel thread-tools">
              <summary className="thread-tools__summary">{t('messaging.moderation')}</summary>
              <Moderation thread={thread} onChange={onChange} />
            </details>
          )}
          {thread.kind === 'private' && (
            <details className="panel thread-tools" data-testid="participants-panel">
              <summary className="thread-tools__summary">
                {t('messaging.participantsCount', { count: thread.participants.length })}
              </summary>
              <Participants thread={thread} meId={meId} onChange={onChange} />
            </details>
          )}
        </div>
      )}
      <Conversation key={thread.id} thread={thread} meId={meId} />
    </div>
  );
}
