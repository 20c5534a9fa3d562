import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import {
  Alert,
  CheckboxGroup,
  Notice,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../ui/forms';
import { Badge, DemoBadge, LoadError, Loading } from '../../ui/ui';
import { useQueryResource, useResource } from '../../hooks';
import { MembersList, Panel } from './shared';
import { useQueryClient } from '@tanstack/react-query';
import { networksQuery, statesQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';

type Network = Answer<'/api/networks', 'get'>[number];
type StateView = Answer<'/api/states', 'get'>[number];

function NetworkForm({
  network,
  states,
  onSaved,
}: {
  network: Network | null;
  states: StateView[];
  onSaved: (network: Network) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [slug, setSlug] = useState(network?.slug ?? '');
  const [name, setName] = useState(network?.name ?? '');
  const [description, setDescription] = useState(network?.description ?? '');
  const [stateCodes, setStateCodes] = useState<string[]>(network?.memberStates.map((state) => state.code) ?? []);
  const { formRef, errors, error, busy, submit: send } = useFormSubmit(['slug', 'name', 'description', 'stateCodes']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      const fields = { name: name.trim(), description: description.trim(), stateCodes };
      const saved = network
        ? await unwrap(api.PATCH('/api/networks/{id}', { params: { path: { id: network.id } }, body: fields }))
        : await unwrap(api.POST('/api/networks', { body: { ...fields, slug: slug.trim() } }));
      onSaved(saved);
      if (!network) {
        setSlug('');
        setName('');
        setDescription('');
        setStateCodes([]);
      }
    });
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
      {error && <Alert>{error}</Alert>}
      {!network && (
        <TextField
          id={`${id}-slug`}
          field="slug"
          label={t('admin.slug')}
          hint={t('admin.slugHint')}
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(event) => setSlug(event.target.value)}
          error={errors.slug}
          testId="network-slug"
        />
      )}
      <TextField
        id={`${id}-name`}
        field="name"
        label={t('admin.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
        testId="network-name"
      />
      <TextAreaField
        id={`${id}-description`}
        field="description"
        label={t('admin.description')}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={errors.description}
      />
      <CheckboxGroup
        id={`${id}-states`}
        field="stateCodes"
        legend={t('admin.memberStates')}
        options={states.map((state) => ({ value: state.code, label: state.name }))}
        value={stateCodes}
        onChange={setStateCodes}
        error={errors.stateCodes}
      />
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={network ? t('common.save') : t('admin.newNetwork')}
          busyLabel={t('common.working')}
        />
      </div>
    </form>
  );
}

function Coordinators({ network, onSaved }: { network: Network; onSaved: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const candidates = useResource(queryKeys.users.list({ role: 'coordinator' }), (signal) =>
    unwrap(api.GET('/api/users', { params: { query: { role: 'coordinator', limit: 200 } }, signal })),
  ).resource;
  const [userIds, setUserIds] = useState(network.coordinators.map((coordinator) => coordinator.id));
  const [notice, setNotice] = useState('');
  const { error, busy, submit: send } = useFormSubmit([], { focus: false });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      setNotice('');
      await unwrap(
        api.PUT('/api/networks/{id}/coordinators', { params: { path: { id: network.id } }, body: { userIds } }),
      );
      setNotice(t('common.saved'));
      onSaved();
    });
  };

  if (candidates.status === 'loading') return <Loading />;
  if (candidates.status === 'error') return <LoadError error={candidates.error} />;
  const options = candidates.data.map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }));
  return (
    <form className="form" onSubmit={submit} aria-busy={busy}>
      {error && <Alert>{error}</Alert>}
      {options.length === 0 ? (
        <p className="muted">{t('admin.noUsers')}</p>
      ) : (
        <CheckboxGroup
          id={`${id}-coordinators`}
          field="userIds"
          legend={t('admin.coordinators')}
          hideLegend
          options={options}
          value={userIds}
          onChange={setUserIds}
        />
      )}
      <div className="form__actions">
        <SubmitButton busy={busy} label={t('admin.saveCoordinators')} busyLabel={t('common.working')} secondary />
      </div>
      <Notice>{notice}</Notice>
    </form>
  );
}

function AddMember({ networkId, onAdded }: { networkId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const users = useResource(queryKeys.users.list({ status: 'active' }), (signal) =>
    unwrap(api.GET('/api/users', { params: { query: { status: 'active', limit: 200 } }, signal })),
  ).resource;
  const [userId, setUserId] = useState('');
  const [notice, setNotice] = useState('');
  const { error, busy, submit: send } = useFormSubmit([], { focus: false });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!userId) return;
    void send(async () => {
      setNotice('');
      const network = await unwrap(
        api.POST('/api/networks/{id}/members', { params: { path: { id: networkId } }, body: { userId } }),
      );
      const added = network.members.find((member) => member.id === userId);
      setNotice(t('admin.memberAdded', { name: added?.displayName ?? '' }));
      setUserId('');
      onAdded();
    });
  };

  const options =
    users.status === 'ready'
      ? users.data
          .filter((user) => user.role === 'focal_point' || user.role === 'coordinator')
          .map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }))
      : [];
  return (
    <form className="inline-form inline-form--end" onSubmit={submit} aria-busy={busy}>
      {error && <Alert>{error}</Alert>}
      <SelectField
        id={`${id}-user`}
        field="userId"
        label={t('admin.addMember')}
        placeholder={t('admin.chooseUser')}
        options={options}
        value={userId}
        onChange={(event) => setUserId(event.target.value)}
        className="inline-form__grow"
      />
      <button type="submit" className="button" aria-disabled={busy || !userId || undefined}>
        {t('common.add')}
      </button>
      <Notice>{notice}</Notice>
    </form>
  );
}

function NetworkEditor({
  network,
  states,
  onChanged,
}: {
  network: Network;
  states: StateView[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // The network's detail (its members) is one cache entry, shared with whoever else shows it.
  const refreshMembers = () => void client.invalidateQueries({ queryKey: queryKeys.networks.one(network.id) });
  return (
    <Panel title={t('admin.editNetwork', { name: network.name })} testId="network-editor">
      <NetworkForm network={network} states={states} onSaved={onChanged} />
      <Panel title={t('admin.coordinators')} level={3}>
        <Coordinators
          network={network}
          onSaved={() => {
            refreshMembers();
            onChanged();
          }}
        />
      </Panel>
      <Panel title={t('admin.members')} level={3}>
        <AddMember
          networkId={network.id}
          onAdded={() => {
            refreshMembers();
            onChanged();
          }}
        />
        <MembersList networkId={network.id} onChanged={onChanged} />
      </Panel>
    </Panel>
  );
}

export function NetworksSection() {
  const { t } = useTranslation();
  const list = useQueryResource(networksQuery());
  const states = useQueryResource(statesQuery()).resource;
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const stateList = states.status === 'ready' ? states.data : [];
  const current =
    list.resource.status === 'ready' ? list.resource.data.find((network) => network.id === editing) : undefined;

  return (
    <div className="stack">
      <Notice>{notice}</Notice>
      {current && <NetworkEditor key={current.id} network={current} states={stateList} onChanged={list.reload} />}
      <Panel title={t('admin.networks')}>
        {list.resource.status === 'loading' && <Loading />}
        {list.resource.status === 'error' && <LoadError error={list.resource.error} onRetry={list.reload} />}
        {list.resource.status === 'ready' &&
          (list.resource.data.length === 0 ? (
            <p className="muted">{t('admin.noNetworks')}</p>
          ) : (
            <ul className="rows" data-testid="networks">
              {list.resource.data.map((network) => (
                <li key={network.id} className="row">
                  <div className="row__main">
                    <p className="strong">
                      {network.name} {network.demo && <DemoBadge />}{' '}
                      <Badge>{t('home.memberCount', { count: network.memberCount })}</Badge>
                    </p>
                    <p className="muted break">
                      {network.slug} · {network.memberStates.map((state) => state.name).join(', ') || t('common.none')}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setEditing(network.id)}
                    aria-pressed={editing === network.id}
                  >
                    {t('common.edit')}
                    <span className="visually-hidden"> {network.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </Panel>
      <Panel title={t('admin.newNetwork')}>
        <NetworkForm
          network={null}
          states={stateList}
          onSaved={(saved) => {
            setNotice(t('admin.networkCreated', { name: saved.name }));
            list.reload();
          }}
        />
      </Panel>
    </div>
  );
}
