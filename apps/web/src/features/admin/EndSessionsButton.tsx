import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { useBusy } from '../../hooks';

/** Signs an account out of every device now (its sockets close too): for a lost laptop or a shared computer. */
export function EndSessionsButton({
  userId,
  onMessage,
}: {
  userId: string;
  onMessage: (message: { notice?: string; error?: string }) => void;
}) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const endAll = () =>
    run(async () => {
      try {
        const path = { userId };
        const sessions = await unwrap(api.GET('/api/users/{userId}/sessions', { params: { path } }));
        for (const session of sessions) {
          await unwrap(
            api.DELETE('/api/users/{userId}/sessions/{id}', { params: { path: { ...path, id: session.id } } }),
          );
        }
        onMessage({ notice: t('admin.sessionsEnded', { count: sessions.length }) });
      } catch (caught) {
        onMessage({ error: messageOf(caught) });
      }
    });
  return (
    <button
      type="button"
      className="button"
      onClick={() => void endAll()}
      aria-disabled={busy || undefined}
      data-testid="end-sessions"
    >
      {t('admin.endSessions')}
    </button>
  );
}
