import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networkQuery, networksQuery } from '../../api/queries';
import { queryClient } from '../../api/query-client';
import { queryKeys } from '../../api/query-keys';
import { formatDateTime, formatRelative, isolate } from '../../format';
import { useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import type { ThreadView } from './store';
import { type Part, plainText, snippet } from './store/highlight';
import { Badge, LoadError, Loading } from '../../ui/ui';

export interface Person {
  id: string;
  displayName: string;
  /** "Central authority (MU)", when the person belongs to one. */
  detail: string | null;
}

/**
 * The people one may start a conversation with or add to one: the members of every network (focal points
 * and coordinators, with their authority), each once. Every signed-in member may read the networks and
 * their members; there is no other directory of people.
 */
async function fetchPeople(): Promise<Person[]> {
  const networks = await queryClient.fetchQuery(networksQuery());
  const details = await Promise.all(networks.map((network) => queryClient.fetchQuery(networkQuery(network.id))));
  const people = new Map<string, Person>();
  for (const network of details) {
    for (const member of network.members) {
      if (people.has(member.id)) continue;
      people.set(member.id, {
        id: member.id,
        displayName: member.displayName,
        detail: member.authority ? `${member.authority.name} (${member.authority.stateCode})` : null,
      });
    }
  }
  return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function usePeople() {
  return useResource(queryKeys.people(), fetchPeople);
}

/** A thread's subject, or the placeholder when it failed its integrity check. */
export function ThreadSubject({ thread }: { thread: { subject: string | null } }) {
  const { t } = useTranslation();
  if (thread.subject === null) return <span className="placeholder-text">{t('messaging.unreadableSubject')}</span>;
  return <>{thread.subject}</>;
}

/** Where a thread is: its network's forum, or a private conversation with its participants. */
export function threadWhere(
  thread: Pick<ThreadView, 'kind' | 'network' | 'participants'>,
  t: TFunction,
  meId?: string | null,
): string {
  if (thread.kind === 'forum') return t('messaging.forumOf', { network: isolate(thread.network?.name ?? '') });
  const others = thread.participants
    .filter((person) => person.id !== meId)
    .map((person) => isolate(person.displayName));
  return others.length > 0 ? t('messaging.privateWith', { people: others.join(', ') }) : t('messaging.private');
}

/** Pinned, locked, archived. */
export function ThreadMarkers({ thread }: { thread: Pick<ThreadView, 'pinned' | 'locked' | 'archived'> }) {
  const { t } = useTranslation();
  if (!thread.pinned && !thread.locked && !thread.archived) return null;
  return (
    <span className="badges badges--inline" data-testid="thread-markers">
      {thread.pinned && <Badge tone="ok">{t('messaging.pinned')}</Badge>}
      {thread.locked && <Badge tone="warn">{t('messaging.locked')}</Badge>}
      {thread.archived && <Badge>{t('messaging.archived')}</Badge>}
    </span>
  );
}

/** "5 minutes ago", with the full date and time as its tooltip. */
export function When({ at, now }: { at: string; now: Date }) {
  const language = useLanguage();
  const zone = useViewerZone();
  return (
    <time dateTime={at} title={formatDateTime(at, language, zone)}>
      {formatRelative(at, language, now, zone)}
    </time>
  );
}

export function Highlighted({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="match">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** A passage of a found message, its matched words highlighted. */
export function Snippet({ text, words }: { text: string; words: readonly string[] }) {
  return (
    <span className="snippet" data-testid="snippet">
      <Highlighted parts={snippet(plainText(text), words)} />
    </span>
  );
}

/**
 * Chooses people (several): a box to narrow the list down by name or authority, and a checkbox each. The
 * chosen ones stay listed first whatever the filter.
 */
export function PeoplePicker({
  legend,
  hint,
  value,
  onChange,
  exclude = [],
  error,
  field,
}: {
  legend: string;
  hint?: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  /** Not offered (the user themself, people already in the thread). */
  exclude?: readonly string[];
  error?: string;
  field: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const { resource, reload } = usePeople();
  const errorId = `${id}-error`;

  if (resource.status === 'loading') return <Loading label={t('messaging.loadingPeople')} />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;

  const needle = filter.trim().toLocaleLowerCase();
  const offered = resource.data.filter((person) => !exclude.includes(person.id));
  const chosen = offered.filter((person) => value.includes(person.id));
  const matching = offered.filter(
    (person) =>
      !value.includes(person.id) &&
      (needle === '' ||
        person.displayName.toLocaleLowerCase().includes(needle) ||
        (person.detail ?? '').toLocaleLowerCase().includes(needle)),
  );
  const shown = [...chosen, ...matching.slice(0, 30)];
  const toggle = (personId: string, checked: boolean) =>
    onChange(checked ? [...value, personId] : value.filter((entry) => entry !== personId));

  return (
    <fieldset
      className={`checkbox-group people-picker${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? errorId : undefined}
      data-testid="people-picker"
    >
      <legend className="field__label">{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      <div className="field">
        <label className="field__label field__label--small" htmlFor={`${id}-filter`}>
          {t('messaging.findPerson')}
        </label>
        <input
          id={`${id}-filter`}
          className="input"
          type="search"
          value={filter}
          autoComplete="off"
          onChange={(event) => setFilter(event.target.value)}
          data-testid="people-filter"
        />
      </div>
      {offered.length === 0 ? (
        <p className="muted">{t('messaging.noPeople')}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{t('messaging.noPersonMatches')}</p>
      ) : (
        <ul className="people-picker__list">
          {shown.map((person) => (
            <li key={person.id} className="checkbox">
              <input
                type="checkbox"
                id={`${id}-${person.id}`}
                name={field}
                value={person.id}
                checked={value.includes(person.id)}
                onChange={(event) => toggle(person.id, event.target.checked)}
                data-testid="person-option"
              />
              <label htmlFor={`${id}-${person.id}`}>
                <span className="strong">{person.displayName}</span>
                {person.detail && <span className="muted"> — {person.detail}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {matching.length > 30 && <p className="muted">{t('messaging.morePeople', { count: matching.length - 30 })}</p>}
      {error && (
        <p className="field__error" id={errorId} data-testid={`error-${field}`}>
          <span className="field__error-icon" aria-hidden="true" />
          {error}
        </p>
      )}
    </fieldset>
  );
}
