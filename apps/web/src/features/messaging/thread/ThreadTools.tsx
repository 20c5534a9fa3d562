/** The thread's header tools: moderation (pin, lock, archive) and the participants of a private thread. */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { messageOf } from '../../../api/problem';
import { Alert, Notice, SelectField } from '../../../ui/forms';
import { usePeople } from '../components';
import { useBusy } from '../../../hooks';
import { type Person, type Thread } from './shared';

export function Moderation({ thread, onChange }: { thread: Thread; onChange: (thread: Thread) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, run] = useBusy();

  const set = (change: { pinned?: boolean; locked?: boolean; archived?: boolean }, done: string) =>
    run(async () => {
      setError(null);
      setNotice('');
      try {
        onChange(await unwrap(api.PATCH('/api/threads/{id}', { params: { path: { id: thread.id } }, body: change })));
        setNotice(done);
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  const buttons = [
    {
      key: 'pinned',
      on: thread.pinned,
      label: thread.pinned ? t('messaging.unpin') : t('messaging.pin'),
      done: thread.pinned ? t('messaging.unpinned') : t('messaging.pinnedDone'),
    },
    {
      key: 'locked',
      on: thread.locked,
      label: thread.locked ? t('messaging.unlock') : t('messaging.lock'),
      done: thread.locked ? t('messaging.unlocked') : t('messaging.lockedDone'),
    },
    {
      key: 'archived',
      on: thread.archived,
      label: thread.archived ? t('messaging.unarchive') : t('messaging.archive'),
      done: thread.archived ? t('messaging.unarchived') : t('messaging.archivedDone'),
    },
  ] as const;

  return (
    <div className="stack-sm" data-testid="moderation">
      <p className="muted">{t('messaging.moderationIntro')}</p>
      <div className="button-row">
        {buttons.map((button) => (
          <button
            key={button.key}
            type="button"
            className="button"
            onClick={() => void set({ [button.key]: !button.on }, button.done)}
            aria-disabled={busy || undefined}
            data-testid={`thread-${button.key}`}
          >
            {button.label}
          </button>
        ))}
      </div>
      {error && <Alert>{error}</Alert>}
      <Notice>{notice}</Notice>
    </div>
  );
}

export function Participants({
  thread,
  meId,
  onChange,
}: {
  thread: Thread;
  meId: string | null;
  onChange: (thread: Thread) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, run] = useBusy();
  const people = usePeople().resource;
  const manage = thread.canManageParticipants;

  const act = (task: () => Promise<void>) =>
    run(async () => {
      setError(null);
      setNotice('');
      try {
        await task();
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  const remove = (person: Person) =>
    act(async () => {
      await unwrap(
        api.DELETE('/api/threads/{id}/participants/{userId}', {
          params: { path: { id: thread.id, userId: person.id } },
        }),
      );
      onChange({ ...thread, participants: thread.participants.filter((entry) => entry.id !== person.id) });
      setNotice(t('messaging.participantRemoved', { name: person.displayName }));
    });

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!adding) return;
    void act(async () => {
      const updated = await unwrap(
        api.POST('/api/threads/{id}/participants', { params: { path: { id: thread.id } }, body: { userId: adding } }),
      );
      const added = updated.participants.find((entry) => entry.id === adding);
      onChange(updated);
      setAdding('');
      setNotice(t('messaging.participantAdded', { name: added?.displayName ?? '' }));
    });
  };

  const present = new Set(thread.participants.map((person) => person.id));
  const candidates = people.status === 'ready' ? people.data.filter((person) => !present.has(person.id)) : [];

  return (
    <div className="stack-sm" data-testid="participants">
      <ul className="plain-list participants">
        {thread.participants.map((person) => (
          <li key={person.id} className="participants__item" data-testid="participant">
            <span>
              {person.displayName}
              {person.id === thread.createdBy.id && <span className="muted"> ({t('messaging.creator')})</span>}
              {person.id === meId && <span className="muted"> ({t('messaging.you')})</span>}
            </span>
            {manage && person.id !== thread.createdBy.id && (
              <button
                type="button"
                className="link-button"
                onClick={() => void remove(person)}
                aria-disabled={busy || undefined}
                data-testid="participant-remove"
              >
                {t('common.remove')}
                <span className="visually-hidden">: {person.displayName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <form className="inline-form" onSubmit={add} aria-label={t('messaging.addParticipant')}>
          <div className="inline-form__grow">
            <SelectField
              id={`${id}-add`}
              field="userId"
              label={t('messaging.addParticipant')}
              placeholder={people.status === 'loading' ? t('common.loading') : t('messaging.choosePerson')}
              options={candidates.map((person) => ({
                value: person.id,
                label: person.detail ? `${person.displayName} — ${person.detail}` : person.displayName,
              }))}
              value={adding}
              onChange={(event) => setAdding(event.target.value)}
              testId="participant-add-select"
            />
          </div>
          <button
            type="submit"
            className="button"
            aria-disabled={busy || !adding || undefined}
            data-testid="participant-add"
          >
            {t('common.add')}
          </button>
        </form>
      )}
      {error && <Alert>{error}</Alert>}
      <Notice>{notice}</Notice>
    </div>
  );
}
