import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { Alert, CheckboxField, Notice, SubmitButton, TextField, useFormSubmit } from '../../ui/forms';
import { LoadError, Loading } from '../../ui/ui';
import { useQueryResource } from '../../hooks';
import { Panel } from './shared';
import { statesQuery } from '../../api/queries';

type StateView = Answer<'/api/states', 'get'>[number];

/** Creates a State, or edits one (its code is its id and does not change). */
function StateForm({
  state,
  onSaved,
  onCancel,
}: {
  state: StateView | null;
  onSaved: (state: StateView) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState(state?.code ?? '');
  const [name, setName] = useState(state?.name ?? '');
  const [untocParty, setUntocParty] = useState(state?.untocParty ?? false);
  const [untocExtraditionBasis, setBasis] = useState(state?.untocExtraditionBasis ?? false);
  const { formRef, errors, error, busy, submit: send } = useFormSubmit(['code', 'name']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      const saved = state
        ? await unwrap(
            api.PATCH('/api/states/{code}', {
              params: { path: { code: state.code } },
              body: { name: name.trim(), untocParty, untocExtraditionBasis },
            }),
          )
        : await unwrap(
            api.POST('/api/states', {
              body: { code: code.trim().toUpperCase(), name: name.trim(), untocParty, untocExtraditionBasis },
            }),
          );
      onSaved(saved);
      if (!state) {
        setCode('');
        setName('');
        setUntocParty(false);
        setBasis(false);
      }
    });
  };

  return (
    <form
      ref={formRef}
      className="form"
      onSubmit={submit}
      noValidate
      aria-busy={busy}
      aria-label={state ? t('admin.editState', { name: state.name }) : t('admin.newState')}
    >
      {error && <Alert>{error}</Alert>}
      {!state && (
        <TextField
          id={`${id}-code`}
          field="code"
          label={t('admin.stateCode')}
          hint={t('admin.stateCodeHint')}
          maxLength={2}
          autoCapitalize="characters"
          className="input--short"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={errors.code}
          testId="state-code"
        />
      )}
      <TextField
        id={`${id}-name`}
        field="name"
        label={t('admin.stateName')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
        testId="state-name"
      />
      <CheckboxField
        id={`${id}-party`}
        field="untocParty"
        label={t('admin.untocParty')}
        checked={untocParty}
        onChange={(event) => setUntocParty(event.target.checked)}
      />
      <CheckboxField
        id={`${id}-basis`}
        field="untocExtraditionBasis"
        label={t('admin.untocBasis')}
        checked={untocExtraditionBasis}
        onChange={(event) => setBasis(event.target.checked)}
      />
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={state ? t('common.save') : t('admin.newState')}
          busyLabel={t('common.working')}
        />
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export function StatesSection() {
  const { t } = useTranslation();
  const { resource, reload, update } = useQueryResource(statesQuery());
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));

  return (
    <div className="stack">
      <Panel title={t('admin.states')}>
        <Notice>{notice}</Notice>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' &&
          (resource.data.length === 0 ? (
            <p className="muted">{t('admin.noStates')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="states">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.stateCode')}</th>
                    <th scope="col">{t('admin.stateName')}</th>
                    <th scope="col">{t('admin.untocParty')}</th>
                    <th scope="col">{t('admin.untocBasis')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.edit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {resource.data.map((state) =>
                    editing === state.code ? (
                      <tr key={state.code}>
                        <td colSpan={5}>
                          <StateForm
                            state={state}
                            onCancel={() => setEditing(null)}
                            onSaved={(saved) => {
                              update((states) => states.map((entry) => (entry.code === saved.code ? saved : entry)));
                              setEditing(null);
                              setNotice(t('common.saved'));
                            }}
                          />
                        </td>
                      </tr>
                    ) : (
                      <tr key={state.code}>
                        <td>{state.code}</td>
                        <td>{state.name}</td>
                        <td>{yesNo(state.untocParty)}</td>
                        <td>{yesNo(state.untocExtraditionBasis)}</td>
                        <td>
                          <button type="button" className="link-button" onClick={() => setEditing(state.code)}>
                            {t('common.edit')}
                            <span className="visually-hidden"> {state.name}</span>
                          </button>
                        </td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          ))}
      </Panel>
      <Panel title={t('admin.newState')}>
        <StateForm
          state={null}
          onSaved={(saved) => {
            update((states) => [...states, saved].sort((a, b) => a.name.localeCompare(b.name)));
            setNotice(t('admin.stateCreated', { name: saved.name }));
          }}
        />
      </Panel>
    </div>
  );
}
