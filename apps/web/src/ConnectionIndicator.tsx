import { useTranslation } from 'react-i18next';
import { useLanguage } from './i18n';
import { useShownConnection } from './realtime';

/**
 * The realtime connection's state, in the header while signed in. A polite live region: a change of state
 * is announced; a change of language remounts it, so that it is not announced again.
 */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { state, connectedOnce } = useShownConnection();
  const text =
    state === 'online'
      ? t('connection.online')
      : state === 'offline'
        ? t('connection.offline')
        : connectedOnce
          ? t('connection.reconnecting')
          : t('connection.connecting');
  return (
    <div
      key={language}
      className={`connection connection--${state}`}
      role="status"
      data-testid="connection-state"
      data-state={state}
    >
      <span className="connection__icon" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label')} </span>
      <span className="connection__text">{text}</span>
    </div>
  );
}
