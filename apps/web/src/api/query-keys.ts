/**
 * Every key of the query cache, in one place: a socket event or a mutation that makes data stale names the
 * keys here (a prefix invalidates all the keys under it), and two screens asking for the same list share
 * one entry and one request.
 */
export const queryKeys = {
  states: () => ['states'] as const,
  networks: {
    all: () => ['networks'] as const,
    list: () => ['networks', 'list'] as const,
    mine: () => ['networks', 'mine'] as const,
    one: (id: string) => ['networks', 'one', id] as const,
  },
  authorities: {
    all: () => ['authorities'] as const,
    /** Every authority (all pages), optionally of one network: for pickers and the admin list. */
    every: (network: string | null = null) => ['authorities', 'every', network] as const,
    directory: (search: string) => ['authorities', 'directory', search] as const,
    one: (id: string, tz: string | null = null) => ['authorities', 'one', id, tz] as const,
  },
  users: {
    all: () => ['users'] as const,
    list: (query: { role?: string; status?: string; q?: string }) => ['users', 'list', query] as const,
  },
  invitations: () => ['invitations'] as const,
  account: {
    me: () => ['account', 'me'] as const,
    sessions: () => ['account', 'sessions'] as const,
    notificationPreferences: () => ['account', 'notification-preferences'] as const,
  },
  admin: {
    failedJobs: () => ['admin', 'jobs', 'failed'] as const,
    deliveries: () => ['admin', 'deliveries'] as const,
    mail: () => ['admin', 'mail'] as const,
    mailOne: (id: string) => ['admin', 'mail', id] as const,
    audit: (filters: object) => ['admin', 'audit', filters] as const,
  },
  threads: {
    all: () => ['threads'] as const,
    lists: () => ['threads', 'list'] as const,
    list: (filter: object) => ['threads', 'list', filter] as const,
    one: (id: string) => ['threads', 'one', id] as const,
    versions: (threadId: string, messageId: string, editedAt: string | null) =>
      ['threads', 'versions', threadId, messageId, editedAt] as const,
  },
  people: () => ['people'] as const,
  notifications: {
    all: () => ['notifications'] as const,
    /** `revision`: the notifications store found something the list missed (it goes up then). */
    list: (unreadOnly: boolean, revision: number) => ['notifications', 'list', unreadOnly, revision] as const,
  },
  search: (q: string) => ['search', q] as const,
  /** The helpdesk's statistics for a set of filters. */
  statistics: (query: object) => ['helpdesk', 'statistics', query] as const,
  meetings: {
    all: () => ['meetings'] as const,
    /** One's occurrences between two instants. */
    agenda: (from: string, to: string) => ['meetings', 'agenda', from, to] as const,
    one: (id: string) => ['meetings', 'one', id] as const,
    answers: (id: string) => ['meetings', 'answers', id] as const,
  },
  helpdesk: {
    all: () => ['helpdesk'] as const,
    /** Every list of tickets (the queue with its filters, my authority's tickets). */
    lists: () => ['helpdesk', 'list'] as const,
    list: (filters: object) => ['helpdesk', 'list', filters] as const,
    one: (id: string) => ['helpdesk', 'one', id] as const,
    /** What a filing, as far as it has got, still lacks. */
    check: (filing: object) => ['helpdesk', 'check', filing] as const,
    secretariat: () => ['helpdesk', 'secretariat'] as const,
  },
};
